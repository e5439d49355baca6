/**
 * Using a trained stills classifier through the API and the real worker: stills.classify on a
 * folder new to the library (imported first, a corrupt file reported), the tags and their
 * provenance in the library, stills.predict (top 3, agreeing with classify), cancel mid-run,
 * and tf memory after repeated in-process classification with the real model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import { initMlRuntime } from '../../src/main/engine/ml/runtime';
import { loadBackbone } from '../../src/main/engine/stills/backbone';
import { classifyStills } from '../../src/main/engine/stills/classify-batch';
import { loadStillsClassifier } from '../../src/main/engine/stills/model-store';
import type { LibraryPage } from '../../src/shared/api';
import type { MediaItem } from '../../src/shared/catalogue';
import type { JobRecord } from '../../src/shared/jobs';
import type {
  StillsClassifyReport,
  StillsDataset,
  StillsModelSummary,
  StillsPrediction,
} from '../../src/shared/stills';
import { testEngine, until } from '../helpers/engine';
import { referencePath } from '../helpers/reference';
import { tempDirs, writeFile } from './fixtures';
import { SHOT_SCALE_CLASSES, writeShotScaleSet } from './shot-scale-set';

const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');
const temp = tempDirs();

async function call<T>(engine: Engine, method: string, params: unknown): Promise<T> {
  const result = await engine.dispatch(method, params);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

async function runJob(engine: Engine, method: string, params: unknown): Promise<JobRecord> {
  const done = await waitForJob(engine.events, await call<JobRecord>(engine, method, params));
  expect(done.state, done.error ?? '').toBe('done');
  return done;
}

describe.skipIf(!mobilenet)('classifying stills with a trained model (MobileNet)', { timeout: 240_000 }, () => {
  let engine: Engine;
  let model: StillsModelSummary;
  let folder: string;
  let report: StillsClassifyReport;
  const tagged = new Map<string, MediaItem>();

  beforeAll(async () => {
    engine = testEngine(temp.make('motif-stills-use-data-'));
    engine.settings.update({ backbone: { path: mobilenet as string } });
    const train = temp.make('motif-stills-use-train-');
    await writeShotScaleSet(train, { perClass: 8, seed: 5, films: 4 });
    await runJob(engine, 'stills.importDataset', { path: train, name: 'Scales' });
    const [dataset] = await call<StillsDataset[]>(engine, 'stills.datasets', {});
    await runJob(engine, 'stills.train', { datasetId: (dataset as StillsDataset).id, epochs: 30 });
    model = (await call<StillsModelSummary[]>(engine, 'stills.models', {}))[0] as StillsModelSummary;
    folder = fs.realpathSync(temp.make('motif-stills-use-folder-'));
    await writeShotScaleSet(folder, { perClass: 3, seed: 21, films: 2 });
    writeFile(folder, 'long/film01_broken.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]));
  }, 240_000);
  afterAll(() => {
    engine?.close();
    temp.cleanup();
  });

  it('imports a folder new to the library, tags every still with model:<id> and a confidence, and reports the corrupt file', async () => {
    expect(engine.catalogue.library.folders()).toEqual([]);
    const done = await runJob(engine, 'stills.classify', { modelId: model.id, path: folder });
    expect(done.kind).toBe('stills-classify');
    report = done.result as unknown as StillsClassifyReport;
    expect(engine.catalogue.library.folders().map((f) => f.path)).toEqual([folder]);
    // The corrupt file is reported (the library import could not catalogue it) and not tagged.
    expect(report).toMatchObject({ modelId: model.id, seen: 16, classified: 15 });
    expect(report.skipped).toEqual([{ path: path.join(folder, 'long/film01_broken.jpg'), reason: expect.any(String) }]);
    expect(report.counts.reduce((n, c) => n + c.count, 0)).toBe(15);
    expect(report.counts.map((c) => c.label)).toEqual(model.classes);
    const page = await call<LibraryPage>(engine, 'library.list', { kind: 'image', limit: 100 });
    const fromFolder = page.items.filter((i) => i.path?.startsWith(folder) && !i.path.includes('broken'));
    expect(fromFolder).toHaveLength(15);
    let right = 0;
    for (const item of fromFolder) {
      const [predicted] = item.predictedTags ?? [];
      expect(predicted).toMatchObject({ modelId: model.id });
      expect(predicted?.confidence).toBeGreaterThan(0);
      expect(predicted?.confidence).toBeLessThanOrEqual(1);
      expect(item.tags).toContain(predicted?.tag);
      if (predicted?.tag === path.basename(path.dirname(item.path as string))) right += 1;
      tagged.set(item.path as string, item);
    }
    // Generated shot scales are easy for MobileNet features: well above chance (1/5).
    expect(right).toBeGreaterThanOrEqual(9);
    // The tags filter finds them by predicted label.
    const firstLabel = report.counts.find((c) => c.count > 0) as { label: string; count: number };
    const filtered = await call<LibraryPage>(engine, 'library.list', { tags: [firstLabel.label.toUpperCase()] });
    expect(filtered.total).toBe(firstLabel.count);
  });

  it('re-classifying keeps what a person set and replaces the model tags', async () => {
    const [file, item] = [...tagged][0] as [string, MediaItem];
    const mine = SHOT_SCALE_CLASSES.find((c) => c !== item.predictedTags?.[0]?.tag) as string;
    await call(engine, 'media.tag', { ids: [item.id], add: [mine, 'favourite'] });
    await runJob(engine, 'stills.classify', { modelId: model.id, path: folder });
    const again = await call<MediaItem>(engine, 'media.get', { id: item.id });
    expect(again.tags).toEqual(expect.arrayContaining([mine, 'favourite']));
    const rows = engine.catalogue.db
      .prepare(
        'SELECT t.name, it.source FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name',
      )
      .all(item.id) as Array<{ name: string; source: string }>;
    expect(
      rows
        .filter((r) => r.source === 'user')
        .map((r) => r.name)
        .sort(),
    ).toEqual([mine, 'favourite'].sort());
    // At most one model tag of this model's classes per still.
    expect(rows.filter((r) => r.source.startsWith('model:'))).toHaveLength(again.predictedTags?.length ?? 0);
    expect(again.predictedTags?.length ?? 0).toBeLessThanOrEqual(1);
    expect(path.isAbsolute(file)).toBe(true);
  });

  it('stills.predict gives the top 3 for one still, agreeing with classify, from a path or from bytes', async () => {
    const [file, item] = [...tagged][1] as [string, MediaItem];
    const byPath = await call<StillsPrediction>(engine, 'stills.predict', { modelId: model.id, path: file });
    expect(byPath.modelId).toBe(model.id);
    expect(byPath.top).toHaveLength(3);
    const sum = byPath.top.reduce((s, t) => s + t.probability, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-5);
    expect(byPath.top.map((t) => t.probability)).toEqual(
      [...byPath.top.map((t) => t.probability)].sort((a, b) => b - a),
    );
    expect(byPath.top[0]).toEqual({ label: byPath.label, probability: byPath.confidence });
    expect(byPath.label).toBe(item.predictedTags?.[0]?.tag);
    expect(byPath.confidence).toBeCloseTo(item.predictedTags?.[0]?.confidence ?? -1, 4);
    const bytes = await call<StillsPrediction>(engine, 'stills.predict', {
      modelId: model.id,
      dataBase64: fs.readFileSync(file).toString('base64'),
    });
    expect(bytes.label).toBe(byPath.label);
    expect(bytes.confidence).toBeCloseTo(byPath.confidence, 5);
    // Typed errors: no such model, no such file, not an image.
    expect(await engine.dispatch('stills.predict', { modelId: 999, path: file })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(
      await engine.dispatch('stills.predict', { modelId: model.id, path: path.join(folder, 'nope.jpg') }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await engine.dispatch('stills.predict', { modelId: model.id, dataBase64: 'aGVsbG8=' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });

  it('classifies every image in the library with library: true, reading cached embeddings', async () => {
    const images = (await call<LibraryPage>(engine, 'library.list', { kind: 'image', limit: 1 })).total;
    const done = await runJob(engine, 'stills.classify', { modelId: model.id, library: true });
    const whole = done.result as unknown as StillsClassifyReport & { folder: string | null; imported: boolean };
    expect(whole).toMatchObject({ folder: null, imported: false, seen: images, classified: images, skipped: [] });
    expect(await engine.dispatch('stills.classify', { modelId: model.id })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await engine.dispatch('stills.classify', { modelId: 999, library: true })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('a cancel mid-run keeps the tags already written', async () => {
    const big = fs.realpathSync(temp.make('motif-stills-use-big-'));
    await writeShotScaleSet(big, { perClass: 20, seed: 8, films: 3, width: 160, height: 90 });
    await runJob(engine, 'library.import', { paths: [big] });
    const changed: string[] = [];
    const unsubscribe = engine.events.subscribe((message) => {
      if (message.event === 'catalogue.changed') changed.push((message.payload as { table: string }).table);
    });
    const job = await call<JobRecord>(engine, 'stills.classify', { modelId: model.id, path: big });
    let latest = job;
    const finished = waitForJob(engine.events, job, (j) => (latest = j));
    await until(
      () => latest.progress?.stage === 'classifying' && /^32 of 100/.test(latest.progress.message),
      120_000,
      'a first batch',
    );
    await call(engine, 'jobs.cancel', { id: job.id });
    const done = await finished;
    expect(done.state).toBe('cancelled');
    // The studio refreshes the tags it shows even though the run did not finish.
    await until(() => changed.includes('tags'), 5_000, 'a tags change event');
    unsubscribe();
    const withModelTags = (
      engine.catalogue.db
        .prepare(
          `SELECT count(DISTINCT it.item_id) AS n FROM item_tags it JOIN media_items m ON m.id = it.item_id
           WHERE it.source = ? AND substr(m.path, 1, ?) = ?`,
        )
        .get(`model:${model.id}`, big.length + 1, big + path.sep) as { n: number }
    ).n;
    expect(withModelTags).toBeGreaterThanOrEqual(32);
    expect(withModelTags).toBeLessThan(100);
    expect(withModelTags % 32).toBe(0);
  });

  it('leaves tf memory as it found it after classifying with the real model again and again (in process)', async () => {
    const { tf } = await initMlRuntime();
    const classifier = await loadStillsClassifier(tf, path.join(engine.paths.dataDir, model.path));
    const backbone = await loadBackbone(tf, mobilenet as string);
    try {
      const run = () =>
        classifyStills({
          db: engine.catalogue.db,
          embeddings: engine.catalogue.embeddings,
          classifier,
          modelId: model.id,
          backbone,
          folder,
          aspect: model.aspect,
          batchSize: 7,
        });
      await run();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 2; i++) expect((await run()).classified).toBe(15);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      classifier.dispose();
      backbone.dispose();
    }
  });
});
