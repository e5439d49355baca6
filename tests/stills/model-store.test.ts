/** Stills model folders: save, load, export and import, with strict checks and no leaked tensors. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../src/main/engine/ml/random';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import type { StillsModelManifest } from '../../src/main/engine/stills/classifier';
import { predictHead, trainHead } from '../../src/main/engine/stills/head';
import { evaluateStills } from '../../src/main/engine/stills/metrics';
import {
  exportStillsModel,
  importStillsModelFolder,
  loadStillsClassifier,
  readPredictions,
  saveStillsModel,
} from '../../src/main/engine/stills/model-store';
import { tempDirs } from './fixtures';

const temp = tempDirs();
let ml: MlRuntime;
let dataDir: string;
let folder: string;
let vectors: Float32Array[];
let expected: Float32Array[];

beforeAll(async () => {
  ml = await initMlRuntime();
  const { tf } = ml;
  const random = mulberry32(4);
  vectors = Array.from({ length: 60 }, (_, i) =>
    Float32Array.from({ length: 16 }, (_, j) => gaussian(random) + (j === i % 3 ? 3 : 0)),
  );
  const labels = vectors.map((_, i) => i % 3);
  const head = await trainHead(tf, { vectors, labels }, { classes: 3, seed: 1, augment: false, epochs: 10 });
  expected = await predictHead(tf, head.model, head.normalization, vectors);
  const manifest: StillsModelManifest = {
    format: 'motif-stills-classifier',
    formatVersion: 1,
    architecture: 'transfer',
    classes: ['a', 'b', 'c'],
    classOrder: null,
    aspect: 'crop',
    backbone: {
      id: 'test@0:conv_pw_13_relu:gap',
      layer: 'conv_pw_13_relu',
      pooling: 'gap',
      inputSize: 224,
      dimension: 16,
    },
    normalization: head.normalization,
    input: null,
    metrics: { accuracy: 1 },
    createdAt: new Date().toISOString(),
    dataHash: 'abc',
    source: { dataset: 'Test' },
  };
  dataDir = temp.make('motif-stills-store-');
  const relative = await saveStillsModel(dataDir, head.model, {
    manifest,
    history: head.history,
    evaluation: evaluateStills({
      classes: manifest.classes,
      order: null,
      truth: labels,
      probabilities: expected,
      trainTruth: labels,
      splitBy: 'item',
    }),
    predictions: {
      classes: manifest.classes,
      items: labels.map((_, i) => ({
        itemId: i + 1,
        split: 'train',
        probabilities: [...(expected[i] as Float32Array)],
      })),
    },
  });
  head.model.dispose();
  folder = path.join(dataDir, relative);
}, 60_000);
afterAll(() => temp.cleanup());

describe('stills model store', () => {
  it('saves a model folder that loads into a classifier predicting as the trained head did, freeing its tensors', async () => {
    const { tf } = ml;
    expect(fs.readdirSync(folder).sort()).toEqual([
      'evaluation.json',
      'history.json',
      'labels.json',
      'manifest.json',
      'model.json',
      'predictions.json',
      'weights.bin',
    ]);
    expect(readPredictions(folder).items).toHaveLength(60);
    const before = tf.memory().numTensors;
    for (let cycle = 0; cycle < 2; cycle++) {
      const classifier = await loadStillsClassifier(tf, folder);
      const got = await classifier.predictEmbeddings(vectors);
      got.forEach((p, i) =>
        [...p].forEach((v, k) => expect(v).toBeCloseTo((expected[i] as Float32Array)[k] as number, 5)),
      );
      await expect(classifier.predictPixels(new Float32Array(224 * 224 * 3), 1)).rejects.toMatchObject({
        kind: 'unavailable',
      });
      classifier.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exports the portable files into an empty folder only, and imports them back', () => {
    const target = path.join(temp.make('motif-stills-export-'), 'out');
    exportStillsModel(folder, target);
    expect(fs.readdirSync(target).sort()).toEqual([
      'evaluation.json',
      'history.json',
      'labels.json',
      'manifest.json',
      'model.json',
      'weights.bin',
    ]);
    expect(() => exportStillsModel(folder, target)).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(() => exportStillsModel(folder, 'relative')).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    const imported = importStillsModelFolder(dataDir, target);
    expect(imported.manifest.classes).toEqual(['a', 'b', 'c']);
    expect(imported.path.startsWith(path.join('models', 'stills'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, imported.path, 'weights.bin'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, imported.path, 'evaluation.json'))).toBe(true);
    // The evaluation and history are optional on import.
    fs.rmSync(path.join(target, 'evaluation.json'));
    fs.rmSync(path.join(target, 'history.json'));
    const bare = importStillsModelFolder(dataDir, target);
    expect(fs.readdirSync(path.join(dataDir, bare.path)).sort()).toEqual([
      'labels.json',
      'manifest.json',
      'model.json',
      'weights.bin',
    ]);
  });

  it('import refuses a damaged folder with a typed error naming what is wrong', () => {
    const broken = (change: (dir: string) => void): string => {
      const dir = temp.make('motif-stills-broken-');
      for (const f of ['evaluation.json', 'history.json', 'labels.json', 'manifest.json', 'model.json', 'weights.bin'])
        fs.copyFileSync(path.join(folder, f), path.join(dir, f));
      change(dir);
      return dir;
    };
    const manifestWith = (edit: (m: Record<string, unknown>) => void) => (dir: string) => {
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      edit(m);
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
    };
    const cases: Array<[(dir: string) => void, RegExp]> = [
      [manifestWith((m) => (m.format = 'other')), /"format"/],
      [manifestWith((m) => (m.classes = ['a', 'a', 'b'])), /"classes"/],
      [manifestWith((m) => (m.normalization = { mean: [1], std: [1] })), /"normalization"/],
      [manifestWith((m) => (m.backbone = null)), /"backbone"/],
      [(dir) => fs.writeFileSync(path.join(dir, 'labels.json'), '["a","c","b"]'), /labels.json does not match/],
      [(dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{not json'), /not valid JSON/],
      [(dir) => fs.truncateSync(path.join(dir, 'weights.bin'), 10), /weight files hold 10 bytes/],
      [(dir) => fs.rmSync(path.join(dir, 'weights.bin')), /weights.bin is missing/],
      [
        (dir) =>
          fs.writeFileSync(path.join(dir, 'evaluation.json'), JSON.stringify({ classes: ['x', 'y'], confusion: [] })),
        /evaluation.json is for other classes/,
      ],
      [(dir) => fs.writeFileSync(path.join(dir, 'history.json'), '{}'), /history.json is damaged/],
    ];
    for (const [change, message] of cases) {
      const dir = broken(change);
      let error: unknown;
      try {
        importStillsModelFolder(dataDir, dir);
      } catch (e) {
        error = e;
      }
      expect(error, String(message)).toMatchObject({ kind: 'invalid-input' });
      expect((error as Error).message).toMatch(message);
    }
    expect(() => importStillsModelFolder(dataDir, path.join(dataDir, 'nope'))).toThrow(
      expect.objectContaining({ kind: 'not-found' }),
    );
  });
});
