/**
 * The stills.* handlers that need no backbone: dataset editing through the API, dataset export,
 * the reasons training refuses to start, and a short from-scratch training run in the worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import { initMlRuntime } from '../../src/main/engine/ml/runtime';
import { loadStillsClassifier } from '../../src/main/engine/stills/model-store';
import { preprocessFile } from '../../src/main/engine/stills/preprocess';
import type { JobRecord } from '../../src/shared/jobs';
import type { StillsDataset, StillsModelDetails, StillsModelSummary } from '../../src/shared/stills';
import { testEngine } from '../helpers/engine';
import { tempDirs } from './fixtures';
import { writeShotScaleSet } from './shot-scale-set';

const temp = tempDirs();
let engine: Engine;
let dataset: StillsDataset;
let root: string;

beforeAll(async () => {
  engine = testEngine(temp.make('motif-stills-handlers-data-'));
  root = temp.make('motif-stills-handlers-set-');
  await writeShotScaleSet(root, {
    perClass: 8,
    seed: 5,
    films: 4,
    classes: ['close-up', 'long'],
    width: 128,
    height: 72,
  });
  const started = await engine.dispatch('stills.importDataset', { path: root, name: 'Two scales' });
  const done = await waitForJob(engine.events, (started as { value: JobRecord }).value);
  expect(done.state, done.error ?? '').toBe('done');
  dataset = engine.catalogue.stills.list()[0] as StillsDataset;
}, 120_000);
afterAll(() => {
  engine?.close();
  temp.cleanup();
});

describe('stills handlers', () => {
  it('items, relabel, update and export a dataset through the API', async () => {
    const items = await engine.dispatch('stills.items', { datasetId: dataset.id, label: 'long', limit: 3 });
    expect(items).toMatchObject({ ok: true, value: { total: 8 } });
    const first = (items as { value: { items: Array<{ itemId: number; width: number }> } }).value.items[0];
    expect(first?.width).toBe(128);
    expect(
      await engine.dispatch('stills.relabel', { datasetId: dataset.id, itemIds: [first?.itemId], label: 'medium' }),
    ).toEqual({
      ok: true,
      value: { count: 1 },
    });
    expect(
      await engine.dispatch('stills.relabel', { datasetId: dataset.id, itemIds: [123_456], label: 'medium' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    const updated = await engine.dispatch('stills.updateDataset', { datasetId: dataset.id, addClass: 'extreme long' });
    expect(updated).toMatchObject({
      ok: true,
      value: {
        extraClasses: ['extreme long'],
        reviewed: 1,
        classOrder: ['close-up', 'medium', 'long', 'extreme long'],
      },
    });
    const out = path.join(temp.make('motif-stills-export-ds-'), 'copy');
    expect(await engine.dispatch('stills.exportDataset', { datasetId: dataset.id, path: out })).toEqual({
      ok: true,
      value: { path: out, files: 16 },
    });
    expect(fs.readdirSync(out).sort()).toEqual(['close-up', 'long', 'medium']);
    expect(fs.readdirSync(path.join(out, 'medium'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(out, 'long'))).toHaveLength(7);
    expect(await engine.dispatch('stills.exportDataset', { datasetId: dataset.id, path: out })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
    // Put the still back for the training test.
    await engine.dispatch('stills.relabel', { datasetId: dataset.id, itemIds: [first?.itemId], label: 'long' });
  });

  it('training refuses with the reason: too few classes, no backbone, no dataset', async () => {
    const single = temp.make('motif-stills-single-');
    fs.mkdirSync(path.join(single, 'only'));
    for (const f of fs.readdirSync(path.join(root, 'long')).slice(0, 3))
      fs.copyFileSync(path.join(root, 'long', f), path.join(single, 'only', f));
    const job = await engine.dispatch('stills.importDataset', { path: single, name: 'One class' });
    await waitForJob(engine.events, (job as { value: JobRecord }).value);
    const one = engine.catalogue.stills.list().find((d) => d.name === 'One class') as StillsDataset;
    const refused = await engine.dispatch('stills.train', { datasetId: one.id, architecture: 'scratch' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(
      /at least 2 classes with 2 or more stills/,
    );
    const noBackbone = await engine.dispatch('stills.train', { datasetId: dataset.id });
    expect(noBackbone).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect((noBackbone as { error: { message: string } }).error.message).toMatch(
      /Download it in Settings.*train from scratch/,
    );
    expect(
      await engine.dispatch('stills.train', { datasetId: dataset.id, backbonePath: path.join(single, 'nope') }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
    expect(await engine.dispatch('stills.train', { datasetId: 999 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await engine.dispatch('stills.modelDetails', { modelId: 999 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await engine.dispatch('stills.queue', { modelId: 999 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await engine.dispatch('stills.deleteDataset', { datasetId: one.id })).toEqual({
      ok: true,
      value: { id: one.id },
    });
  }, 60_000);

  it('trains the from-scratch CNN as a job; its model predicts from pixels and is deleted with its folder', async () => {
    const started = await engine.dispatch('stills.train', {
      datasetId: dataset.id,
      architecture: 'scratch',
      epochs: 2,
      validationFraction: 0.25,
    });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const done = await waitForJob(engine.events, (started as { value: JobRecord }).value);
    expect(done.state, done.error ?? '').toBe('done');
    const models = (
      (await engine.dispatch('stills.models', { datasetId: dataset.id })) as { value: StillsModelSummary[] }
    ).value;
    expect(models).toHaveLength(1);
    const summary = models[0] as StillsModelSummary;
    expect(summary).toMatchObject({
      architecture: 'scratch',
      backboneId: null,
      classes: ['close-up', 'long'],
      datasetName: 'Two scales',
    });
    const details = (
      (await engine.dispatch('stills.modelDetails', { modelId: summary.id })) as { value: StillsModelDetails }
    ).value;
    expect(details.history).toHaveLength(2);
    expect(details.evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(details.evaluation.validationCount);
    const { tf } = await initMlRuntime();
    const file = path.join(root, 'long', fs.readdirSync(path.join(root, 'long'))[0] as string);
    const pixels = await preprocessFile(file, 'crop');
    const before = tf.memory().numTensors;
    const classifier = await loadStillsClassifier(tf, path.join(engine.paths.dataDir, summary.path));
    const [probs] = await classifier.predictPixels(pixels, 1);
    await expect(classifier.predictEmbeddings([new Float32Array(768)])).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect([...(probs as Float32Array)].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(await engine.dispatch('stills.deleteModel', { modelId: summary.id })).toEqual({
      ok: true,
      value: { id: summary.id },
    });
    expect(fs.existsSync(path.join(engine.paths.dataDir, summary.path))).toBe(false);
  }, 300_000);
});
