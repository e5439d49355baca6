import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/jobs';
import { initMlRuntime, type MlRuntime } from '../../../src/main/engine/ml/runtime';
import { writeMidi } from '../../../src/main/engine/music/midi';
import { continueClip } from '../../../src/main/engine/music/model/generate';
import { checkpointFolder, runMelodyTrain } from '../../../src/main/engine/music/model/runner';
import { loadMelodyModel } from '../../../src/main/engine/music/model/store';
import type { JobContext } from '../../../src/main/engine/worker/context';
import { tempDir } from '../../helpers/engine';
import { note, song, track, tune } from './helpers';

/** 20 little tunes, one drum file (no melody) and one file that is not MIDI. */
function writeCorpus(): string[] {
  const dir = tempDir('motif-melody-corpus-');
  const files: string[] = [];
  for (let k = 0; k < 20; k++) {
    const file = path.join(dir, `tune${String(k).padStart(2, '0')}.mid`);
    fs.writeFileSync(file, writeMidi(song([track(tune(60 + (k % 5) * 2, 8, k + 1))])));
    files.push(file);
  }
  const drums = path.join(dir, 'drums.mid');
  fs.writeFileSync(drums, writeMidi(song([track(Array.from({ length: 64 }, (_, k) => note(36, k * 2, 1, 100, 9)))])));
  const junk = path.join(dir, 'junk.mid');
  fs.writeFileSync(junk, 'not a midi file');
  return [...files, drums, junk];
}

const files = writeCorpus();
const tiny = {
  files,
  hiddenSizes: [16],
  sequenceLength: 16,
  batchSize: 8,
  positionFeatures: 16,
  learningRate: 0.01,
  seed: 3,
  minUniquePitches: 4,
};

function context(
  runtime: MlRuntime,
  dataDir: string,
  jobId: number,
  reports: JobProgress[],
  signal = new AbortController().signal,
): JobContext {
  return { jobId, dataDir, signal, progress: (p) => reports.push(p), ml: async () => runtime };
}

describe('melody-train runner', () => {
  it('trains, evaluates against the n-gram on held-out files, and saves a loadable model version', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'wasm' });
    const before = runtime.tf.memory().numTensors;
    const dataDir = tempDir();
    const reports: JobProgress[] = [];
    const outcome = await runMelodyTrain({ ...tiny, epochs: 3 }, context(runtime, dataDir, 1, reports));
    expect(runtime.tf.memory().numTensors).toBe(before);
    const model = outcome.model!;
    expect(model.kind).toBe('melody-lstm');
    expect(model.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(model.metrics).toMatchObject({ trainFiles: 18, heldOutFiles: 2, skippedFiles: 2, unreadableFiles: 1, noMelodyFiles: 1, epochs: 3 });
    for (const key of [
      'lstmPerplexity',
      'ngramPerplexity',
      'accuracy',
      'eventAccuracy',
      'perplexityRatio',
      'ngramWB5Perplexity',
      'ngramKN3Perplexity',
      'positionNgramPerplexity',
    ]) {
      expect(Number.isFinite(model.metrics[key]), key).toBe(true);
    }
    expect(model.metrics.beatsNgram).toBe(model.metrics.lstmPerplexity! < model.metrics.ngramPerplexity! ? 1 : 0);
    expect(model.metrics.beatsPositionNgram).toBe(
      model.metrics.lstmPerplexity! < model.metrics.positionNgramPerplexity! ? 1 : 0,
    );
    expect(String(outcome.summary.verdict)).toMatch(
      model.metrics.beatsNgram ? /^beats the best n-gram/ : /^does NOT beat/,
    );
    expect(model.params).toMatchObject({ hiddenSizes: [16], heldOutEvery: 10, minPitch: 48, maxPitch: 84 });
    const skipped = outcome.summary.skipped as Array<{ path: string; reason: string }>;
    expect(skipped.map((s) => path.basename(s.path))).toEqual(['junk.mid', 'drums.mid']);
    expect(skipped[1]!.reason).toMatch(/no melody.*drums are ignored/);

    // Live progress: batches with loss/accuracy and an ETA, one report per epoch, monotonic fraction.
    const batches = reports.filter((r) => r.stage === 'training' && r.metrics?.loss !== undefined);
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.some((r) => r.etaSeconds !== undefined)).toBe(true);
    expect(reports.filter((r) => r.stage === 'epoch').map((r) => r.metrics?.epoch)).toEqual([1, 2, 3]);
    const fractions = reports.map((r) => r.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(reports.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });

    // The same data and extraction give the same data hash; the folder loads and generates.
    const loaded = await loadMelodyModel(runtime.tf, path.join(dataDir, model.path));
    try {
      expect(loaded.index!.size).toBeGreaterThan(1000);
      const result = continueClip(
        loaded,
        { ppq: 480, bpm: 120, timeSignature: { numerator: 4, denominator: 4 }, key: null, notes: [], lengthTicks: 0 },
        { bars: 1, temperature: 1, variations: 2, seed: 1 },
      );
      expect(result.variations).toHaveLength(2);
    } finally {
      loaded.net.dispose();
    }
    expect(runtime.tf.memory().numTensors).toBe(before);
  });

  it('stops when cancelled, keeps a checkpoint, and a second run resumes from it', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'wasm' });
    const before = runtime.tf.memory().numTensors;
    const dataDir = tempDir();
    const controller = new AbortController();
    const first: JobProgress[] = [];
    const ctx = context(runtime, dataDir, 2, first, controller.signal);
    const cancelling: JobContext = {
      ...ctx,
      progress: (p) => {
        first.push(p);
        if (p.stage === 'training' && p.metrics?.epoch === 2 && p.metrics?.batch === 2) controller.abort();
      },
    };
    await expect(runMelodyTrain({ ...tiny, epochs: 4 }, cancelling)).rejects.toMatchObject({ kind: 'cancelled' });
    expect(runtime.tf.memory().numTensors).toBe(before);
    const lastBatch = first.filter((r) => r.stage === 'training' && r.metrics?.loss !== undefined).at(-1)!;
    expect(lastBatch.metrics).toMatchObject({ epoch: 2, batch: 2 }); // stopped at the next batch
    const folders = fs.readdirSync(path.join(dataDir, 'melody', 'checkpoints'));
    expect(folders).toHaveLength(1);
    const state = JSON.parse(
      fs.readFileSync(path.join(dataDir, checkpointFolder(folders[0]!), 'checkpoint.json'), 'utf8'),
    ).state;
    expect(state).toMatchObject({ epoch: 1, batch: 2 });
    expect(state.history).toHaveLength(1);

    const second: JobProgress[] = [];
    const outcome = await runMelodyTrain({ ...tiny, epochs: 4 }, context(runtime, dataDir, 3, second));
    expect(second.find((r) => r.stage === 'training')?.message).toMatch(/Resuming at epoch 2, batch 3/);
    const resumedBatches = second.filter((r) => r.stage === 'training' && r.metrics?.loss !== undefined);
    expect(resumedBatches[0]!.metrics).toMatchObject({ epoch: 2, batch: 3 });
    expect(second.filter((r) => r.stage === 'epoch').map((r) => r.metrics?.epoch)).toEqual([2, 3, 4]);
    expect(outcome.model!.metrics.epochs).toBe(4);
    expect(outcome.model!.params).toMatchObject({ resumed: true });
    // A run that does not ask to resume starts over.
    const fresh: JobProgress[] = [];
    await runMelodyTrain({ ...tiny, epochs: 1, resume: false }, context(runtime, dataDir, 4, fresh));
    expect(fresh.find((r) => r.stage === 'training')?.message).toMatch(/^Training/);
    expect(runtime.tf.memory().numTensors).toBe(before);
  });

  it('honours the time budget: stops early but still evaluates and saves a model', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'wasm' });
    const outcome = await runMelodyTrain({ ...tiny, epochs: 50, maxMinutes: 0.05 }, context(runtime, tempDir(), 5, []));
    expect(outcome.summary.stoppedBy).toBe('budget');
    expect(outcome.model!.metrics.epochs).toBeLessThan(50);
    expect(Number.isFinite(outcome.model!.metrics.lstmPerplexity)).toBe(true);
  });

  it('rejects bad parameters and corpora without enough files as invalid input', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'wasm' });
    await expect(runMelodyTrain({ files: [] }, context(runtime, tempDir(), 6, []))).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(runMelodyTrain({ files, epochs: 0 }, context(runtime, tempDir(), 7, []))).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(
      runMelodyTrain({ files: files.slice(0, 3) }, context(runtime, tempDir(), 8, [])),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});
