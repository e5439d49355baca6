/**
 * Generation as the studio sees it: `melody.generate` through the engine's API dispatch to the
 * worker process and back (validation, IPC both ways, model cache), 8 bars x 4 variations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/main/engine/engine';
import { forkSpawner } from '../../src/main/engine/jobs/fork-spawner';
import { saveMelodyModel, type MelodyModel } from '../../src/main/engine/music/model/store';
import type { Clip } from '../../src/shared/music';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function benchGenerateApi(model: MelodyModel, seed: Clip): Promise<{ firstMs: number; medianMs: number; workerMs: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-bench-generate-'));
  const folder = path.join('models', 'bench-melody');
  await saveMelodyModel(path.join(dataDir, folder), model.spec, model.net, model.index, {});
  const engine = new Engine({
    dataDir,
    host: 'cli',
    spawnWorker: forkSpawner({ entry: path.join(ROOT, 'src/main/worker/index.ts'), execArgv: ['--import', 'tsx'], env: process.env }),
  });
  try {
    const version = engine.catalogue.models.insert({
      kind: 'melody-lstm',
      name: 'bench',
      params: {},
      dataHash: 'bench',
      metrics: {},
      path: folder,
      jobId: null,
    });
    const request = { modelId: version.id, mode: 'continue', clip: seed, bars: 8, variations: 4, key: seed.key } as const;
    const run = async (k: number): Promise<{ ms: number; worker: number }> => {
      const t = performance.now();
      const result = await engine.dispatch('melody.generate', { ...request, seed: k });
      if (!result.ok) throw new Error(result.error.message);
      return { ms: performance.now() - t, worker: (result.value as { ms: number }).ms };
    };
    const first = await run(0); // starts the worker, loads tfjs and the model
    const runs: Array<{ ms: number; worker: number }> = [];
    for (let k = 1; k <= 7; k++) runs.push(await run(k));
    const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
    const mid = (xs: number[]): number => sorted(xs)[Math.floor(xs.length / 2)] ?? NaN;
    return { firstMs: first.ms, medianMs: mid(runs.map((r) => r.ms)), workerMs: mid(runs.map((r) => r.worker)) };
  } finally {
    engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
