import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../src/shared/jobs';
import { initMlRuntime } from '../src/main/engine/ml/runtime';
import { hashData, makeSpirals, runSelfTest } from '../src/main/engine/ml/self-test';
import { tempDir } from './helpers/engine';

describe('self-test runner (in process)', () => {
  it('disposes every tensor it makes, and reports falling loss', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'cpu' });
    const before = runtime.tf.memory().numTensors;
    const reports: JobProgress[] = [];
    const outcome = await runSelfTest(
      { steps: 120, seed: 3 },
      { jobId: 1, dataDir: tempDir(), signal: new AbortController().signal, progress: (p) => reports.push(p), ml: async () => runtime },
    );
    expect(runtime.tf.memory().numTensors).toBe(before);
    expect(outcome.model?.metrics.finalLoss).toBeLessThan(outcome.model!.metrics.initialLoss!);
    expect(reports.filter((r) => r.stage === 'training')).toHaveLength(120);
  });

  it('stops at the next batch when its signal aborts, and says it was cancelled', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'cpu' });
    const before = runtime.tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    await expect(
      runSelfTest(
        { steps: 10_000 },
        {
          jobId: 2,
          dataDir: tempDir(),
          signal: controller.signal,
          progress: (p) => {
            if (p.stage === 'training' && ++steps === 5) controller.abort();
          },
          ml: async () => runtime,
        },
      ),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(steps).toBeLessThan(10);
    expect(runtime.tf.memory().numTensors).toBe(before);
  });

  it('generates the same data for the same seed, and different data for another', () => {
    expect(hashData(makeSpirals(256, 1))).toBe(hashData(makeSpirals(256, 1)));
    expect(hashData(makeSpirals(256, 1))).not.toBe(hashData(makeSpirals(256, 2)));
  });
});
