/**
 * The stills lab's training side end to end through the API and the real worker: import a
 * generated shot-scale set (with broken files in it), train a transfer head on MobileNet
 * embeddings, read the evaluation, work the relabel queue, retrain from the cache, and export
 * and import the model. One trained model is shared by the tests in this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import { initMlRuntime } from '../../src/main/engine/ml/runtime';
import { loadStillsClassifier } from '../../src/main/engine/stills/model-store';
import type { JobRecord } from '../../src/shared/jobs';
import type { StillsDataset, StillsModelDetails, StillsModelSummary, StillsQueueItem } from '../../src/shared/stills';
import { testEngine } from '../helpers/engine';
import { referencePath } from '../helpers/reference';
import { tempDirs, writeFile } from './fixtures';
import { writeShotScaleSet } from './shot-scale-set';

const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');
const temp = tempDirs();

async function call<T>(engine: Engine, method: string, params: unknown): Promise<T> {
  const result = await (
    engine.dispatch as (m: string, p: unknown) => Promise<{ ok: boolean; value?: T; error?: unknown }>
  )(method, params);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function runJob(engine: Engine, method: string, params: unknown, updates: JobRecord[] = []): Promise<JobRecord> {
  const job = await call<JobRecord>(engine, method, params);
  const done = await waitForJob(engine.events, job, (j) => updates.push(j));
  expect(done.state, done.error ?? '').toBe('done');
  return done;
}

describe.skipIf(!mobilenet)('stills training end to end (MobileNet)', () => {
  let engine: Engine;
  let dataset: StillsDataset;
  let first: JobRecord;
  let model: StillsModelSummary;
  const updates: JobRecord[] = [];
  const brokenAfterImport: string[] = [];

  beforeAll(async () => {
    engine = testEngine(temp.make('motif-stills-train-data-'));
    engine.settings.update({ backbone: { path: mobilenet as string } });
    const root = temp.make('motif-stills-train-set-');
    const set = await writeShotScaleSet(root, { perClass: 24, seed: 3, films: 8 });
    // group-key.ts takes a prefix only when it ends in a non-digit ("filmA_0001", not
    // "film01_0001"): name the films by letter so the split keeps each film on one side.
    for (const file of set.files) {
      const renamed = path.join(
        path.dirname(file.path),
        path
          .basename(file.path)
          .replace(/^film(\d+)_/, (_, n: string) => `film${String.fromCharCode(64 + Number(n))}_`),
      );
      fs.renameSync(file.path, renamed);
    }
    // Broken files among the stills: skipped at import or embedding, the rest train.
    writeFile(root, 'medium/filmA_9001.jpg', Buffer.alloc(0));
    writeFile(root, 'long/filmB_9002.jpg', 'this is not an image');
    const closeUps = fs.readdirSync(path.join(root, 'close-up')).sort();
    const good = fs.readFileSync(path.join(root, 'close-up', closeUps[0] as string));
    writeFile(root, 'close-up/filmC_9003.jpg', good.subarray(0, Math.floor(good.length / 3)));
    await runJob(engine, 'stills.importDataset', { path: root, name: 'Shot scales' });
    dataset = (await call<StillsDataset[]>(engine, 'stills.datasets', {}))[0] as StillsDataset;
    // Two stills break after import (the dataset still lists them): training must skip them.
    fs.writeFileSync(path.join(root, 'close-up', closeUps[1] as string), Buffer.alloc(0));
    fs.writeFileSync(path.join(root, 'close-up', closeUps[2] as string), good.subarray(0, 200));
    brokenAfterImport.push(closeUps[1] as string, closeUps[2] as string);
    first = await runJob(engine, 'stills.train', { datasetId: dataset.id }, updates);
    model = (await call<StillsModelSummary[]>(engine, 'stills.models', {}))[0] as StillsModelSummary;
  }, 600_000);
  afterAll(() => {
    engine?.close();
    temp.cleanup();
  });

  it('recognises the shot-scale order and trains a model that beats chance and the majority class on held-out films', async () => {
    expect(dataset.classOrder).toEqual(['extreme close-up', 'close-up', 'medium', 'long', 'extreme long']);
    const result = first.result as Record<string, number> & { trainCount: number; validationCount: number };
    const details = await call<StillsModelDetails>(engine, 'stills.modelDetails', { modelId: model.id });
    const e = details.evaluation;
    console.log(
      `stills head: validation accuracy ${e.accuracy.toFixed(3)} (±1 ${e.withinOne?.toFixed(3)}, macro-F1 ${e.macroF1.toFixed(3)}) vs linear probe ${result.linearProbeAccuracy} ` +
        `majority ${e.baselines.majority.toFixed(3)}, chance ${e.baselines.chance}; ${result.trainCount} train / ${result.validationCount} validation; head + probe + out-of-fold ${result.trainSeconds}s`,
    );
    expect(result.trainCount + result.validationCount).toBe(118);
    expect(result.splitBy).toBe('group');
    expect(e.accuracy).toBeGreaterThan(e.baselines.chance + 0.25);
    expect(e.accuracy).toBeGreaterThan(e.baselines.majority + 0.2);
    expect(e.withinOne).not.toBeNull();
    expect(e.withinOne as number).toBeGreaterThanOrEqual(e.accuracy);
    expect(e.confusion).toHaveLength(5);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(e.validationCount);
    expect(e.calibration.bins).toHaveLength(10);
    expect(details.history.length).toBeGreaterThan(0);
    expect(model).toMatchObject({
      datasetId: dataset.id,
      datasetName: 'Shot scales',
      architecture: 'transfer',
      origin: 'trained',
      name: 'Shot scales v1 · transfer',
    });
    expect(typeof result.linearProbeAccuracy).toBe('number');
    // The probe's accuracy reaches the studio and the CLI with the version.
    expect(details.linearProbe).toBe(result.linearProbeAccuracy);
    // The studio's live chart: per-epoch metrics in the training stage.
    const epochs = updates.filter(
      (u) => u.progress?.stage === 'training' && u.progress.metrics?.valAccuracy !== undefined,
    );
    expect(epochs.length).toBeGreaterThan(0);
    const stages = new Set(updates.map((u) => u.progress?.stage));
    for (const stage of ['embedding', 'training', 'evaluating']) expect(stages).toContain(stage);
  });

  it('skips the empty, non-image and truncated files and trains on the rest', () => {
    const result = first.result as { skippedFiles: Array<{ path: string; reason: string }>; embedded: number };
    // Broken at import: never in the dataset.
    const inDataset = engine.catalogue.stills.members(dataset.id).map((m) => path.basename(m.path ?? ''));
    for (const name of ['filmA_9001.jpg', 'filmB_9002.jpg', 'filmC_9003.jpg']) expect(inDataset).not.toContain(name);
    expect(inDataset).toHaveLength(120);
    // Broken after import: skipped by training with the reason, the other 118 trained.
    expect(result.skippedFiles.map((s) => path.basename(s.path)).sort()).toEqual([...brokenAfterImport].sort());
    expect(result.skippedFiles.every((s) => s.reason.length > 0)).toBe(true);
    expect(result.embedded).toBe(118);
  });

  it('the relabel queue lists the least sure stills; relabelled ones leave it', async () => {
    const queue = await call<{ items: StillsQueueItem[]; total: number }>(engine, 'stills.queue', {
      modelId: model.id,
      limit: 10,
    });
    expect(queue.items).toHaveLength(10);
    expect(queue.total).toBe(118);
    const margins = queue.items.map((i) => i.margin);
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    expect(new Set(queue.items.map((i) => i.split)).size).toBeGreaterThanOrEqual(1);
    const [a, b] = queue.items;
    await call(engine, 'stills.relabel', { datasetId: dataset.id, itemIds: [a?.itemId], label: a?.predicted });
    await call(engine, 'stills.relabel', { datasetId: dataset.id, itemIds: [b?.itemId], label: b?.label });
    const after = await call<{ items: StillsQueueItem[]; total: number }>(engine, 'stills.queue', {
      modelId: model.id,
      limit: 1000,
    });
    expect(after.total).toBe(queue.total - 2);
    expect(after.items.map((i) => i.itemId)).not.toContain(a?.itemId);
    expect(after.items.map((i) => i.itemId)).not.toContain(b?.itemId);
    const withReviewed = await call<{ items: StillsQueueItem[] }>(engine, 'stills.queue', {
      modelId: model.id,
      includeReviewed: true,
      limit: 1000,
    });
    expect(withReviewed.items.find((i) => i.itemId === a?.itemId)).toMatchObject({
      reviewed: true,
      label: a?.predicted,
      labelSource: 'user',
    });
    const updated = (await call<StillsDataset[]>(engine, 'stills.datasets', {}))[0];
    expect(updated?.reviewed).toBe(2);
    // One confusion cell: only stills labelled X and predicted Y.
    const cell = await call<{ items: StillsQueueItem[] }>(engine, 'stills.queue', {
      modelId: model.id,
      cell: { actual: 'long', predicted: 'long' },
      limit: 1000,
    });
    for (const item of cell.items) expect(item).toMatchObject({ label: 'long', predicted: 'long' });
  });

  it('retraining reuses the cached embeddings (0 stills embedded)', async () => {
    const again = await runJob(engine, 'stills.train', { datasetId: dataset.id, name: 'Again', seed: 11 });
    console.log(
      `retrain: ${JSON.stringify({ ...(again.result as object), history: undefined, skippedFiles: undefined })}`,
    );
    expect((again.result as { embedded: number }).embedded).toBe(0);
    const models = await call<StillsModelSummary[]>(engine, 'stills.models', { datasetId: dataset.id });
    expect(models.map((m) => m.name)).toContain('Again');
  }, 300_000);

  it('a time budget stops training early and still saves an evaluated model', async () => {
    const job = await runJob(engine, 'stills.train', { datasetId: dataset.id, name: 'Hurried', maxMinutes: 0.001 });
    const result = job.result as { stoppedBy: string; epochs: number; accuracy: number };
    expect(result.stoppedBy).toBe('budget');
    expect(result.epochs).toBe(1);
    expect(typeof result.accuracy).toBe('number');
    const models = await call<StillsModelSummary[]>(engine, 'stills.models', {});
    expect(models.map((m) => m.name)).toContain('Hurried');
  }, 120_000);

  it('cancelling a training job stops it between epochs and saves no model', async () => {
    const before = engine.catalogue.models.list('stills-classifier').length;
    const job = await call<JobRecord>(engine, 'stills.train', { datasetId: dataset.id, epochs: 1000 });
    let asked = false;
    const done = await waitForJob(engine.events, job, (j) => {
      if (!asked && j.progress?.stage === 'training' && j.progress.metrics?.epoch !== undefined) {
        asked = true;
        void engine.dispatch('jobs.cancel', { id: job.id });
      }
    });
    expect(asked).toBe(true);
    expect(done.state).toBe('cancelled');
    expect(engine.catalogue.models.list('stills-classifier')).toHaveLength(before);
  }, 120_000);

  it('export → import round trip predicts identically; the loaded classifier frees its tensors', async () => {
    const out = path.join(temp.make('motif-stills-export-'), 'model');
    await call(engine, 'stills.exportModel', { modelId: model.id, path: out });
    expect(fs.readdirSync(out).sort()).toEqual([
      'evaluation.json',
      'history.json',
      'labels.json',
      'manifest.json',
      'model.json',
      'weights.bin',
    ]);
    expect(await engine.dispatch('stills.exportModel', { modelId: model.id, path: out })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
    const imported = await call<StillsModelSummary>(engine, 'stills.importModel', { path: out });
    expect(imported).toMatchObject({
      origin: 'imported',
      classes: model.classes,
      architecture: 'transfer',
      datasetName: 'Shot scales',
    });
    const importedDetails = await call<StillsModelDetails>(engine, 'stills.modelDetails', { modelId: imported.id });
    const originalDetails = await call<StillsModelDetails>(engine, 'stills.modelDetails', { modelId: model.id });
    expect(importedDetails.evaluation).toEqual(originalDetails.evaluation);
    const { tf } = await initMlRuntime();
    const backboneId = engine.catalogue.models.get(model.id)?.params.backboneId as string;
    const hashes = engine.catalogue.stills.members(dataset.id).map((m) => m.contentHash as string);
    const vectors = [...engine.catalogue.embeddings.getMany(hashes, { backboneId, aspect: 'crop' }).values()].slice(
      0,
      12,
    );
    const before = tf.memory().numTensors;
    const original = await loadStillsClassifier(tf, path.join(engine.paths.dataDir, model.path));
    const copy = await loadStillsClassifier(tf, path.join(engine.paths.dataDir, imported.path));
    const p1 = await original.predictEmbeddings(vectors);
    const p2 = await copy.predictEmbeddings(vectors);
    original.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(p2.map((p) => [...p])).toEqual(p1.map((p) => [...p]));
    // A damaged manifest is refused with a typed error.
    const bad = temp.make('motif-stills-bad-');
    for (const f of fs.readdirSync(out)) fs.copyFileSync(path.join(out, f), path.join(bad, f));
    fs.writeFileSync(path.join(bad, 'labels.json'), JSON.stringify(['only one']));
    expect(await engine.dispatch('stills.importModel', { path: bad })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  }, 120_000);
});
