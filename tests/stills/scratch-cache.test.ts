import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import { decodeToCache } from '../../src/main/engine/stills/scratch-cache';
import { SCRATCH_INPUT_SIZE } from '../../src/main/engine/stills/scratch-model';
import { figure, tempDirs, writeFile } from './fixtures';

let ml: MlRuntime;
const dirs = tempDirs();
afterAll(() => dirs.cleanup());
beforeAll(async () => {
  ml = await initMlRuntime();
});

describe('the scratch CNN image cache', () => {
  it('leaves out stills damaged since import, says why, and keeps the others in order', async () => {
    const dir = dirs.make();
    const good = await figure('jpeg', 160, 90, 0.5);
    const files = [
      writeFile(dir, 'a.jpg', good),
      writeFile(dir, 'b.jpg', good.subarray(0, 40)), // truncated
      writeFile(dir, 'c.jpg', await figure('png', 160, 90, 0.8)),
      path.join(dir, 'gone.jpg'), // deleted since import
      writeFile(dir, 'e.jpg', Buffer.alloc(0)),
      writeFile(dir, 'f.jpg', good),
    ];
    const before = ml.tf.memory().numTensors;
    const cache = await decodeToCache(ml.tf, files, 'crop', new AbortController().signal);
    expect(cache.kept).toEqual([0, 2, 5]);
    expect(cache.count).toBe(3);
    expect(cache.bytes.length).toBe(3 * SCRATCH_INPUT_SIZE * SCRATCH_INPUT_SIZE * 3);
    expect(cache.failed.map((f) => path.basename(f.path)).sort()).toEqual(['b.jpg', 'e.jpg', 'gone.jpg']);
    for (const f of cache.failed) expect(f.reason.length).toBeGreaterThan(10);
    // The first and last kept stills are the same image: their bytes agree; the second differs.
    const per = SCRATCH_INPUT_SIZE * SCRATCH_INPUT_SIZE * 3;
    expect(Buffer.compare(cache.bytes.subarray(0, per), cache.bytes.subarray(2 * per, 3 * per))).toBe(0);
    expect(Buffer.compare(cache.bytes.subarray(0, per), cache.bytes.subarray(per, 2 * per))).not.toBe(0);
    expect(ml.tf.memory().numTensors).toBe(before);
    expect(fs.existsSync(files[0] as string)).toBe(true);
  });
});
