/** A Compose session with the melody model side over a scripted engine, for the model stores' tests. */
import { createClient } from '../../../../src/shared/client';
import type { MelodyGeneration } from '../../../../src/shared/melody';
import type { ClipNote } from '../../../../src/shared/music';
import type { ModelVersion } from '../../../../src/shared/models';
import { emptyClip } from '../../../../src/renderer/src/compose/editor.svelte';
import { ComposeModel } from '../../../../src/renderer/src/compose/model/composeModel.svelte';
import { ComposeSession } from '../../../../src/renderer/src/compose/session.svelte';
import { JobsStore } from '../../../../src/renderer/src/state/jobs.svelte';
import { ModelsStore } from '../../../../src/renderer/src/state/models.svelte';
import type { KeyValueStorage } from '../../../../src/renderer/src/state/profiles.svelte';
import { model } from '../../helpers/fixtures';
import { ScriptedBridge } from '../../helpers/scriptedBridge';
import { FakeAudioEngine, ManualTimer } from '../fakes';

export class MemoryStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

export function melodyModel(id: number, overrides: Partial<ModelVersion> = {}): ModelVersion {
  return model({
    id,
    kind: 'melody-lstm',
    name: `Melody LSTM #${id}`,
    params: { hiddenSizes: [128, 128] },
    metrics: {
      lstmPerplexity: 2.41,
      ngramPerplexity: 2.8,
      perplexityRatio: 0.8607,
      beatsNgram: 1,
      accuracy: 0.71,
      eventAccuracy: 0.52,
      epochs: 20,
      trainingSeconds: 125,
      trainFiles: 280,
    },
    ...overrides,
  });
}

/** A generation answer: `count` variations of one note per beat from `startTick`. */
export function generation(startTick: number, count = 2, notesEach = 4, seed = 1234): MelodyGeneration {
  const variations = Array.from({ length: count }, (_, v) => ({
    notes: Array.from({ length: notesEach }, (_, i): ClipNote => ({
      id: `gen-${v + 1}-${i}`,
      pitch: 67 + v + (i % 3),
      tick: startTick + i * 480,
      durationTicks: 480,
      velocity: 90,
    })),
    memorisation: { steps: 6, notes: 2, phraseStart: 0, phraseSteps: 32, fraction: 6 / 32 },
    logLikelihood: -1.2,
  }));
  return { modelId: 3, mode: 'continue', variations, startTick, endTick: startTick + notesEach * 480, seed, ms: 42 };
}

export interface Setup {
  bridge: ScriptedBridge;
  session: ComposeSession;
  audio: FakeAudioEngine;
  timer: ManualTimer;
  jobs: JobsStore;
  models: ModelsStore;
  composeModel: ComposeModel;
  storage: MemoryStorage;
  errors: string[];
}

export async function setup(
  options: { notes?: ClipNote[]; models?: ModelVersion[]; storage?: MemoryStorage; bridge?: ScriptedBridge } = {},
): Promise<Setup> {
  const bridge = options.bridge ?? new ScriptedBridge();
  bridge.respond('models.list', options.models ?? [melodyModel(3), melodyModel(2)]);
  const client = createClient(bridge);
  const errors: string[] = [];
  const report = (action: string): void => void errors.push(action);
  const audio = new FakeAudioEngine();
  const timer = new ManualTimer();
  const session = new ComposeSession({ clip: emptyClip({ notes: options.notes ?? [] }), audio, timer });
  const jobs = new JobsStore(client, report);
  const models = new ModelsStore(client, report);
  await models.load();
  const storage = options.storage ?? new MemoryStorage();
  const composeModel = new ComposeModel({ client, report, session, jobs, models, storage, summaryDelayMs: 0 });
  return { bridge, session, audio, timer, jobs, models, composeModel, storage, errors };
}
