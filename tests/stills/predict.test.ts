/**
 * stills.predict's worker side in process: top 3 from a saved transfer head over real MobileNet
 * embeddings, the classifier and backbone cache (reused, evicted and disposed, so tf memory
 * returns to where it was) and typed errors for bytes that are not an image.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import { loadBackbone } from '../../src/main/engine/stills/backbone';
import { trainHead } from '../../src/main/engine/stills/head';
import { saveStillsModel } from '../../src/main/engine/stills/model-store';
import { StillsPredictService, topLabels } from '../../src/main/engine/stills/predict';
import { preprocessFile } from '../../src/main/engine/stills/preprocess';
import type { RequestContext } from '../../src/main/engine/worker/context';
import { referencePath } from '../helpers/reference';
import { figure, tempDirs, writeFile } from './fixtures';

const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');
const temp = tempDirs();
afterAll(() => temp.cleanup());

describe('topLabels', () => {
  it('gives the k most likely labels, highest first', () => {
    expect(topLabels(['a', 'b', 'c', 'd'], Float32Array.from([0.1, 0.5, 0.15, 0.25]))).toEqual([
      { label: 'b', probability: 0.5 },
      { label: 'd', probability: 0.25 },
      { label: 'c', probability: expect.closeTo(0.15, 6) },
    ]);
    expect(topLabels(['a', 'b'], Float32Array.from([0.3, 0.7]))).toHaveLength(2);
  });
});

describe.skipIf(!mobilenet)('StillsPredictService (MobileNet)', () => {
  let ml: MlRuntime;
  let dataDir: string;
  let context: RequestContext;
  const models: string[] = [];
  const files: string[] = [];
  const classes = ['close', 'medium', 'wide'];

  beforeAll(async () => {
    ml = await initMlRuntime();
    dataDir = temp.make('motif-predict-');
    context = { dataDir, ml: () => Promise.resolve(ml) };
    const scales = [0.95, 0.9, 0.55, 0.5, 0.2, 0.15];
    for (const [i, scale] of scales.entries())
      files.push(writeFile(dataDir, `s_${i}.png`, await figure('png', 200, 120, scale)));
    const backbone = await loadBackbone(ml.tf, mobilenet as string);
    try {
      const vectors: Float32Array[] = [];
      for (const file of files) vectors.push(...(await backbone.embed(await preprocessFile(file, 'crop'), 1)));
      const labels = scales.map((_, i) => Math.floor(i / 2));
      for (const seed of [1, 2]) {
        const head = await trainHead(ml.tf, { vectors, labels }, { classes: 3, seed, augment: false, epochs: 40 });
        models.push(
          await saveStillsModel(dataDir, head.model, {
            manifest: {
              format: 'motif-stills-classifier',
              formatVersion: 1,
              architecture: 'transfer',
              classes,
              classOrder: null,
              aspect: 'crop',
              backbone: {
                id: backbone.id,
                layer: 'conv_pw_13_relu',
                pooling: 'gap',
                inputSize: 224,
                dimension: backbone.dimension,
              },
              normalization: head.normalization,
              input: null,
              metrics: {},
              createdAt: new Date().toISOString(),
              dataHash: `test-${seed}`,
              source: {},
            },
            history: head.history,
            evaluation: {
              classes,
              order: null,
              accuracy: 1,
              withinOne: null,
              macroF1: 1,
              perClass: [],
              confusion: [],
              calibration: { ece: 0, brier: 0, bins: [] },
              trainCount: 6,
              validationCount: 0,
              splitBy: 'item',
              baselines: { majority: 1 / 3, chance: 1 / 3 },
            },
            predictions: { classes, items: [] },
          }),
        );
        head.model.dispose();
      }
    } finally {
      backbone.dispose();
    }
  }, 120_000);

  it('predicts the top 3 for a file and for its bytes; caches the classifier and backbone and frees them when evicted', async () => {
    const service = new StillsPredictService(1, 1);
    const baseline = ml.tf.memory().numTensors;
    const request = { modelId: 1, modelPath: models[0], backbonePath: mobilenet };
    const close = await service.predict({ ...request, path: files[0] }, context);
    expect(close.top).toHaveLength(3);
    expect(close.top.reduce((s, t) => s + t.probability, 0)).toBeLessThanOrEqual(1 + 1e-5);
    expect(close.top[0]).toEqual({ label: close.label, probability: close.confidence });
    expect(close.label).toBe('close');
    const wide = await service.predict(
      { ...request, dataBase64: fs.readFileSync(files[5] as string).toString('base64') },
      context,
    );
    expect(wide.label).toBe('wide');
    expect(service.held).toEqual({ classifiers: 1, backbones: 1 });
    const loaded = ml.tf.memory().numTensors;
    expect(loaded).toBeGreaterThan(baseline);
    // The same model again: nothing new is loaded.
    await service.predict({ ...request, path: files[2] }, context);
    expect(ml.tf.memory().numTensors).toBe(loaded);
    // Another model evicts (and disposes) the first: memory stays at one classifier's worth.
    const other = await service.predict({ ...request, modelId: 2, modelPath: models[1], path: files[0] }, context);
    expect(other.modelId).toBe(2);
    expect(service.held).toEqual({ classifiers: 1, backbones: 1 });
    expect(ml.tf.memory().numTensors).toBe(loaded);
    service.dispose();
    expect(ml.tf.memory().numTensors).toBe(baseline);
  }, 60_000);

  it('refuses bytes that are not an image, a path outside the data directory for the model, and half-given requests', async () => {
    const service = new StillsPredictService();
    try {
      await expect(
        service.predict(
          {
            modelId: 1,
            modelPath: models[0],
            backbonePath: mobilenet,
            dataBase64: Buffer.from('hello').toString('base64'),
          },
          context,
        ),
      ).rejects.toMatchObject({ kind: 'invalid-input', message: /the dropped image/ });
      await expect(
        service.predict({ modelId: 1, modelPath: '../elsewhere', backbonePath: null, path: files[0] }, context),
      ).rejects.toMatchObject({
        kind: 'invalid-input',
      });
      await expect(
        service.predict({ modelId: 1, modelPath: models[0], backbonePath: mobilenet }, context),
      ).rejects.toMatchObject({
        kind: 'invalid-input',
        message: /either a path or dataBase64/,
      });
      await expect(
        service.predict(
          { modelId: 1, modelPath: path.join('models', 'stills', 'gone'), backbonePath: mobilenet, path: files[0] },
          context,
        ),
      ).rejects.toMatchObject({ kind: 'not-found' });
    } finally {
      service.dispose();
    }
  });
});
