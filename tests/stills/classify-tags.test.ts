import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/main/engine/catalogue/catalogue';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import { classifyStills, type ClassifyProgress } from '../../src/main/engine/stills/classify-batch';
import type { StillsClassifyReport } from '../../src/shared/stills';
import { addImages, brightnessClassifier } from './classify-helpers';
import { tempDirs, writeFile } from './fixtures';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const flat = (grey: number): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 40, channels: 3, background: { r: grey, g: grey, b: grey } } })
    .jpeg()
    .toBuffer();

let ml: MlRuntime;
beforeAll(async () => {
  ml = await initMlRuntime();
});

async function library(
  greys: number[],
  extra: Record<string, Buffer> = {},
): Promise<{ catalogue: Catalogue; dir: string; ids: number[] }> {
  const dir = temp.make();
  const catalogue = Catalogue.open(path.join(dir, 'c.sqlite'));
  const files: string[] = [];
  for (const [i, grey] of greys.entries())
    files.push(writeFile(dir, `stills/s_${String(i).padStart(3, '0')}.jpg`, await flat(grey)));
  for (const [name, bytes] of Object.entries(extra)) files.push(writeFile(dir, `stills/${name}`, bytes));
  return { catalogue, dir, ids: await addImages(catalogue, files) };
}

const tagsOf = (catalogue: Catalogue, id: number) => {
  const item = catalogue.media.require(id);
  return { tags: item.tags, predicted: item.predictedTags };
};

describe('batch classification into tags', () => {
  it('tags each still with its top label (source model:<id>, confidence), keeps user tags, and a new model replaces model tags', async () => {
    const { catalogue, dir, ids } = await library([10, 20, 240, 250]);
    try {
      const [dark, , bright] = ids as [number, number, number, number];
      // A person says the bright still is "dark" (wrong, but theirs) and adds an unrelated tag.
      catalogue.media.addTags(bright, ['dark', 'keeper']);
      const report = await classifyStills({
        db: catalogue.db,
        embeddings: catalogue.embeddings,
        classifier: brightnessClassifier(ml.tf),
        modelId: 7,
        backbone: null,
        folder: path.join(dir, 'stills'),
        aspect: 'crop',
        batchSize: 3,
      });
      expect(report).toMatchObject({ modelId: 7, seen: 4, classified: 4, unsure: 0, skipped: [] });
      expect(report.counts).toEqual([
        { label: 'dark', count: 2 },
        { label: 'bright', count: 2 },
      ]);
      expect(tagsOf(catalogue, dark).tags).toEqual(['dark']);
      const d = tagsOf(catalogue, dark).predicted?.[0];
      expect(d).toMatchObject({ tag: 'dark', modelId: 7 });
      expect(d?.confidence).toBeGreaterThan(0.9);
      // The bright one gets 'bright' from the model; the person's 'dark' and 'keeper' stay theirs.
      expect(tagsOf(catalogue, bright).tags).toEqual(['bright', 'dark', 'keeper']);
      expect(tagsOf(catalogue, bright).predicted?.map((p) => p.tag)).toEqual(['bright']);

      // Model 8 has the same classes reversed in meaning: its tags replace model 7's.
      await classifyStills({
        db: catalogue.db,
        embeddings: catalogue.embeddings,
        classifier: brightnessClassifier(ml.tf, ['bright', 'dark']),
        modelId: 8,
        backbone: null,
        folder: null,
        aspect: 'crop',
      });
      expect(tagsOf(catalogue, dark).tags).toEqual(['bright']);
      expect(tagsOf(catalogue, dark).predicted?.map((p) => [p.tag, p.modelId])).toEqual([['bright', 8]]);
      // The person's "dark" on the bright still is not a model tag: model 8 predicts "dark" and
      // leaves the person's row (and its missing confidence) alone.
      expect(tagsOf(catalogue, bright).tags).toEqual(['dark', 'keeper']);
      expect(tagsOf(catalogue, bright).predicted).toEqual([]);
      const sources = catalogue.db
        .prepare(
          "SELECT it.source FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? AND t.name = 'dark'",
        )
        .all(bright);
      expect(sources).toEqual([{ source: 'user' }]);
      // Another model with other classes adds its tags beside these.
      await classifyStills({
        db: catalogue.db,
        embeddings: catalogue.embeddings,
        classifier: brightnessClassifier(ml.tf, ['night', 'day']),
        modelId: 9,
        backbone: null,
        folder: null,
        aspect: 'crop',
      });
      expect(tagsOf(catalogue, dark).tags).toEqual(['bright', 'night']);
    } finally {
      catalogue.close();
    }
  });

  it('reports corrupt, empty and vanished files in skipped and classifies the rest', async () => {
    const { catalogue, dir } = await library([30, 220], {
      'broken.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
      'empty.png': Buffer.alloc(0),
    });
    try {
      const gone = await addImages(catalogue, [writeFile(dir, 'stills/gone.jpg', await flat(128))]);
      (await import('node:fs')).rmSync(path.join(dir, 'stills/gone.jpg'));
      const report = await classifyStills({
        db: catalogue.db,
        embeddings: catalogue.embeddings,
        classifier: brightnessClassifier(ml.tf),
        modelId: 1,
        backbone: null,
        folder: path.join(dir, 'stills'),
        aspect: 'pad',
        batchSize: 2,
      });
      expect(report.seen).toBe(5);
      expect(report.classified).toBe(2);
      expect(report.skipped.map((s) => path.basename(s.path)).sort()).toEqual(['broken.jpg', 'empty.png', 'gone.jpg']);
      expect(report.skipped.find((s) => s.path.endsWith('empty.png'))?.reason).toMatch(/empty/);
      expect(report.skipped.find((s) => s.path.endsWith('gone.jpg'))?.reason).toMatch(/could not be read/);
      expect(tagsOf(catalogue, gone[0] as number).tags).toEqual([]);
    } finally {
      catalogue.close();
    }
  });

  it('a cancel mid-run keeps the tags of the batches already written', async () => {
    const { catalogue, ids } = await library(Array.from({ length: 9 }, (_, i) => (i % 2 === 0 ? 15 : 235)));
    try {
      const controller = new AbortController();
      const seen: ClassifyProgress[] = [];
      const run = classifyStills({
        db: catalogue.db,
        embeddings: catalogue.embeddings,
        classifier: brightnessClassifier(ml.tf),
        modelId: 3,
        backbone: null,
        folder: null,
        aspect: 'crop',
        batchSize: 2,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push({ ...p, counts: new Map(p.counts) });
          if (p.done >= 4) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ kind: 'cancelled', message: /4 stills tagged so far/ });
      const tagged = ids.filter((id) => catalogue.media.require(id).tags.length > 0);
      expect(tagged).toEqual(ids.slice(0, 4));
      expect(seen.map((p) => p.done)).toEqual([0, 2, 4]);
      expect(seen.at(-1)).toMatchObject({ total: 9, classified: 4 });
      expect(Object.fromEntries(seen.at(-1)?.counts ?? [])).toEqual({ dark: 2, bright: 2 });
    } finally {
      catalogue.close();
    }
  });

  it('leaves tf memory as it found it after repeated classification runs', async () => {
    const { catalogue } = await library([40, 200, 90]);
    try {
      const classifier = brightnessClassifier(ml.tf);
      const run = (): Promise<StillsClassifyReport> =>
        classifyStills({
          db: catalogue.db,
          embeddings: catalogue.embeddings,
          classifier,
          modelId: 2,
          backbone: null,
          folder: null,
          aspect: 'crop',
          batchSize: 2,
        });
      await run();
      const before = ml.tf.memory().numTensors;
      for (let i = 0; i < 3; i++) expect((await run()).classified).toBe(3);
      expect(ml.tf.memory().numTensors).toBe(before);
    } finally {
      catalogue.close();
    }
  });
});
