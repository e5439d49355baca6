/**
 * The worker's generation service: cached models, typed errors, and tf memory that does not grow
 * over generate cycles (evicted and cleared models are disposed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../../src/main/engine/ml/runtime';
import { DEFAULT_EXTRACTION } from '../../../src/main/engine/music/model/extract';
import { GenerationService } from '../../../src/main/engine/music/model/generation-service';
import { SequenceIndex } from '../../../src/main/engine/music/model/memorisation';
import { createMelodyNet, saveMelodyModel } from '../../../src/main/engine/music/model/store';
import type { RequestContext } from '../../../src/main/engine/worker/context';
import type { Clip } from '../../../src/shared/music';
import { tempDir } from '../../helpers/engine';

const spec = { range: DEFAULT_EXTRACTION.range, stepsPerQuarter: 4, positionFeatures: 16, hiddenSizes: [16], extraction: DEFAULT_EXTRACTION };
const clip: Clip = {
  ppq: 480,
  bpm: 120,
  timeSignature: { numerator: 4, denominator: 4 },
  key: null,
  lengthTicks: 1920,
  notes: [
    { id: 'a', pitch: 60, tick: 0, durationTicks: 480, velocity: 90 },
    { id: 'b', pitch: 64, tick: 480, durationTicks: 480, velocity: 90 },
    { id: 'c', pitch: 67, tick: 960, durationTicks: 960, velocity: 90 },
  ],
};

let runtime: MlRuntime;
let dataDir: string;
let context: RequestContext;

async function writeModel(name: string, seed: number): Promise<string> {
  const net = createMelodyNet(runtime.tf, spec, seed);
  try {
    await saveMelodyModel(path.join(dataDir, 'models', name), spec, net, SequenceIndex.build([[3, 4, 5, 6, 7]]), {});
  } finally {
    net.dispose();
  }
  return `models/${name}`;
}

const request = (modelPath: string, seed = 1) => ({
  modelPath,
  request: { modelId: 1, mode: 'continue', clip, bars: 2, variations: 2, seed },
});

beforeAll(async () => {
  runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'wasm' });
  dataDir = tempDir();
  context = { dataDir, ml: () => Promise.resolve(runtime) };
});

describe('GenerationService', () => {
  const service = new GenerationService(2);
  afterAll(() => service.clear());

  it('keeps tf memory unchanged over generate cycles, and releases every model it evicts or clears', async () => {
    const [a, b, c] = [await writeModel('a', 1), await writeModel('b', 2), await writeModel('c', 3)];
    const baseline = runtime.tf.memory().numTensors;
    await service.generate(request(a), context);
    const oneModel = runtime.tf.memory().numTensors;
    expect(oneModel).toBeGreaterThan(baseline); // the cached weights
    for (let k = 0; k < 5; k++) await service.generate(request(a, k), context);
    expect(runtime.tf.memory().numTensors).toBe(oneModel);
    await service.generate(request(b), context);
    const twoModels = runtime.tf.memory().numTensors;
    await service.generate(request(c), context); // evicts a (least recently used)
    expect(service.size).toBe(2);
    expect(runtime.tf.memory().numTensors).toBe(twoModels);
    for (let k = 0; k < 3; k++) {
      await service.generate(request(a, k), context);
      await service.generate(request(b, k), context);
    }
    expect(runtime.tf.memory().numTensors).toBe(twoModels);
    service.clear();
    expect(service.size).toBe(0);
    expect(runtime.tf.memory().numTensors).toBe(baseline);
  });

  it('reloads a model whose files changed, and gives typed errors for missing or damaged ones', async () => {
    const a = await writeModel('reload', 4);
    const first = await service.generate(request(a, 9), context);
    // Another version written in place (new weights): the cache notices by model.json's time.
    await new Promise((r) => setTimeout(r, 20));
    await writeModel('reload', 5);
    const second = await service.generate(request(a, 9), context);
    expect(second.variations.map((v) => v.notes)).not.toEqual(first.variations.map((v) => v.notes));

    await expect(service.generate(request('models/none'), context)).rejects.toMatchObject({ kind: 'not-found' });
    const broken = path.join(dataDir, 'models', 'broken');
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'model.json'), '{"format":"something else"}');
    await expect(service.generate(request('models/broken'), context)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(service.generate(request('../outside'), context)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(
      service.generate({ modelPath: a, request: { modelId: 1, mode: 'continue', clip, bars: 40 } }, context),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});
