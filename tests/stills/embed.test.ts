import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/main/engine/catalogue/catalogue';
import { hashFile } from '../../src/main/engine/library/hash';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import { loadBackbone, type Backbone } from '../../src/main/engine/stills/backbone';
import { embedImages, type EmbedTarget } from '../../src/main/engine/stills/embed';
import { preprocessFile } from '../../src/main/engine/stills/preprocess';
import { referencePath } from '../helpers/reference';
import { figure, tempDirs, writeFile } from './fixtures';

const temp = tempDirs();
const tempDir = (prefix?: string): string => temp.make(prefix);
afterAll(() => temp.cleanup());

describe('embedding cache', () => {
  it('round-trips float32 vectors per (hash, backbone, aspect), in chunks past SQLite parameter limits', () => {
    const catalogue = Catalogue.open(path.join(tempDir(), 'c.sqlite'));
    try {
      const key = { backboneId: 'b1', aspect: 'crop' as const };
      const entries = Array.from({ length: 1200 }, (_, i) => ({
        contentHash: `h${i}`,
        vector: Float32Array.from({ length: 8 }, (_, j) => i + j / 10),
      }));
      catalogue.embeddings.putMany(entries, key);
      const got = catalogue.embeddings.getMany(['h0', 'h1199', 'nope', 'h0'], key);
      expect([...got.keys()].sort()).toEqual(['h0', 'h1199']);
      expect([...(got.get('h1199') as Float32Array)]).toEqual([...(entries[1199]?.vector as Float32Array)]);
      expect(catalogue.embeddings.getMany(['h0'], { ...key, aspect: 'pad' }).size).toBe(0);
      expect(catalogue.embeddings.getMany(['h0'], { ...key, backboneId: 'b2' }).size).toBe(0);
      expect(
        catalogue.embeddings.getMany(
          Array.from({ length: 1200 }, (_, i) => `h${i}`),
          key,
        ).size,
      ).toBe(1200);
      expect(catalogue.embeddings.count(key)).toBe(1200);
    } finally {
      catalogue.close();
    }
  });
});

const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');

describe.skipIf(!mobilenet)('embedding stills with MobileNet', () => {
  let ml: MlRuntime;
  let backbone: Backbone;
  let catalogue: Catalogue;
  let targets: EmbedTarget[];
  beforeAll(async () => {
    ml = await initMlRuntime();
    backbone = await loadBackbone(ml.tf, mobilenet as string);
    const dir = tempDir();
    catalogue = Catalogue.open(path.join(dir, 'c.sqlite'));
    const files = [];
    for (let i = 0; i < 5; i++)
      files.push(writeFile(dir, `f_${i}.jpg`, await figure('jpeg', 320, 180, 0.2 + i * 0.18)));
    fs.copyFileSync(files[0] as string, path.join(dir, 'copy.jpg'));
    files.push(path.join(dir, 'copy.jpg'), writeFile(dir, 'broken.jpg', Buffer.from('nope')));
    targets = await Promise.all(files.map(async (p) => ({ path: p, contentHash: await hashFile(p) })));
  }, 60_000);
  afterAll(() => {
    backbone?.dispose();
    catalogue?.close();
  });

  it('embeds in batches, skips what is cached, reports broken files, and frees every tensor', async () => {
    const before = ml.tf.memory().numTensors;
    const first = await embedImages({ backbone, repo: catalogue.embeddings, targets, aspect: 'crop', batchSize: 4 });
    expect(first).toMatchObject({ total: 6, embedded: 5, cached: 0 });
    expect(first.failed).toEqual([{ path: targets[6]?.path, reason: expect.stringContaining('broken.jpg') }]);
    const key = { backboneId: backbone.id, aspect: 'crop' as const };
    expect(catalogue.embeddings.count(key)).toBe(5);
    // The cached vector is the backbone's output for that image.
    const direct = await backbone.embed(await preprocessFile(targets[2]?.path as string, 'crop'), 1);
    const stored = catalogue.embeddings
      .getMany([targets[2]?.contentHash as string], key)
      .get(targets[2]?.contentHash as string) as Float32Array;
    expect(stored.length).toBe(768);
    for (let i = 0; i < 768; i++)
      expect(Math.abs((stored[i] as number) - (direct[0]?.[i] as number))).toBeLessThan(1e-3);

    const second = await embedImages({ backbone, repo: catalogue.embeddings, targets, aspect: 'crop', batchSize: 4 });
    expect(second).toMatchObject({ total: 6, embedded: 0, cached: 5 });
    expect(second.failed).toHaveLength(1); // the broken file is tried again, and fails again
    // A broken file first in its batch: the images after it still get their own vectors.
    const padded = await embedImages({
      backbone,
      repo: catalogue.embeddings,
      targets: [targets[6], targets[0], targets[3]] as EmbedTarget[],
      aspect: 'pad',
    });
    expect(padded).toMatchObject({ embedded: 2, cached: 0 });
    const padKey = { backboneId: backbone.id, aspect: 'pad' as const };
    const paddedDirect = await backbone.embed(await preprocessFile(targets[3]?.path as string, 'pad'), 1);
    const paddedStored = catalogue.embeddings
      .getMany([targets[3]?.contentHash as string], padKey)
      .get(targets[3]?.contentHash as string) as Float32Array;
    for (let i = 0; i < 768; i++)
      expect(Math.abs((paddedStored[i] as number) - (paddedDirect[0]?.[i] as number))).toBeLessThan(1e-3);
    expect(ml.tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('cancelling between batches keeps the batches already written', async () => {
    const controller = new AbortController();
    const fresh = targets.slice(0, 5).map((t) => ({ ...t, contentHash: `${t.contentHash}-x` }));
    await expect(
      embedImages({
        backbone,
        repo: catalogue.embeddings,
        targets: fresh,
        aspect: 'crop',
        batchSize: 2,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.embedded === 2) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(
      catalogue.embeddings.getMany(
        fresh.map((t) => t.contentHash),
        { backboneId: backbone.id, aspect: 'crop' },
      ).size,
    ).toBe(2);
  }, 60_000);
});
