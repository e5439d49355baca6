/**
 * Stills model folders under `<dataDir>/models/stills/<uuid>/`: the tfjs layers model
 * (model.json + weights.bin), labels.json, manifest.json, history.json, evaluation.json and
 * predictions.json (per still: probabilities and split, for the relabel queue). Loading one gives
 * a LoadedStillsClassifier; export copies the portable part to a user folder; import checks an
 * exported folder strictly and copies it in.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LayersModel, Tensor2D } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import type { StillsEpoch, StillsEvaluation } from '../../../shared/stills';
import { folderSaver } from '../ml/model-files';
import type { Tf } from '../ml/runtime';
import type { Backbone } from './backbone';
import type { LoadedStillsClassifier, StillsModelManifest } from './classifier';
import { predictHead } from './head';
import { fileSystemModel } from './model-io';
import { INPUT_SIZE } from './preprocess';
import { scratchPixels } from './scratch-cnn';

export const STILLS_MODELS_FOLDER = path.join('models', 'stills');
/** What an exported model folder holds (and what import needs). */
export const PORTABLE_FILES = ['model.json', 'labels.json', 'manifest.json'] as const;
/** Travel with an export when present, so an imported model still shows its evaluation. */
export const DESCRIPTIVE_FILES = ['evaluation.json', 'history.json'] as const;

export interface StoredPrediction {
  itemId: number;
  split: 'train' | 'validation';
  probabilities: number[];
}

export interface PredictionsFile {
  classes: string[];
  items: StoredPrediction[];
}

export interface StillsModelFiles {
  manifest: StillsModelManifest;
  history: StillsEpoch[];
  evaluation: StillsEvaluation;
  predictions: PredictionsFile;
}

const writeJson = (file: string, value: unknown): void => fs.writeFileSync(file, JSON.stringify(value));

/** Saves a trained model and its files; returns the folder relative to the data directory. */
export async function saveStillsModel(dataDir: string, model: LayersModel, files: StillsModelFiles): Promise<string> {
  const relative = path.join(STILLS_MODELS_FOLDER, randomUUID());
  const folder = path.join(dataDir, relative);
  await model.save(folderSaver(folder));
  writeJson(path.join(folder, 'labels.json'), files.manifest.classes);
  writeJson(path.join(folder, 'manifest.json'), files.manifest);
  writeJson(path.join(folder, 'history.json'), files.history);
  writeJson(path.join(folder, 'evaluation.json'), files.evaluation);
  writeJson(path.join(folder, 'predictions.json'), {
    classes: files.predictions.classes,
    items: files.predictions.items.map((p) => ({
      ...p,
      probabilities: p.probabilities.map((x) => Number(x.toFixed(6))),
    })),
  });
  return relative;
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new MotifError(
      missing ? 'not-found' : 'invalid-input',
      missing ? `${what} is missing (${file}).` : `${what} is not valid JSON (${file}).`,
    );
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);
const isNumbers = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) &&
  v.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
  (length === undefined || v.length === length);

/** manifest.json checked field by field; every problem is a typed invalid-input naming the field. */
export function parseStillsManifest(raw: unknown, where: string): StillsModelManifest {
  const bad = (field: string): never => {
    throw new MotifError(
      'invalid-input',
      `${where}: manifest.json has no valid "${field}"; is this a Motif stills model?`,
    );
  };
  if (!isRecord(raw)) return bad('format');
  if (raw.format !== 'motif-stills-classifier') bad('format');
  if (raw.formatVersion !== 1) bad('formatVersion');
  if (raw.architecture !== 'transfer' && raw.architecture !== 'scratch') bad('architecture');
  if (!isStrings(raw.classes) || raw.classes.length < 2 || new Set(raw.classes).size !== raw.classes.length)
    bad('classes');
  const classes = raw.classes as string[];
  if (
    raw.classOrder !== null &&
    !(
      isStrings(raw.classOrder) &&
      raw.classOrder.length === classes.length &&
      raw.classOrder.every((c) => classes.includes(c))
    )
  )
    bad('classOrder');
  if (raw.aspect !== 'crop' && raw.aspect !== 'pad') bad('aspect');
  if (raw.architecture === 'transfer') {
    const b = raw.backbone;
    if (
      !isRecord(b) ||
      typeof b.id !== 'string' ||
      typeof b.layer !== 'string' ||
      b.pooling !== 'gap' ||
      typeof b.dimension !== 'number' ||
      typeof b.inputSize !== 'number'
    )
      bad('backbone');
    const d = (b as { dimension: number }).dimension;
    const n = raw.normalization;
    if (!isRecord(n) || !isNumbers(n.mean, d) || !isNumbers(n.std, d) || !(n.std as number[]).every((s) => s > 0))
      bad('normalization');
  } else {
    const input = raw.input;
    if (!isRecord(input) || typeof input.size !== 'number' || !isNumbers(input.range, 2)) bad('input');
  }
  if (!isRecord(raw.metrics) || !Object.values(raw.metrics).every((v) => typeof v === 'number')) bad('metrics');
  if (typeof raw.createdAt !== 'string') bad('createdAt');
  if (typeof raw.dataHash !== 'string') bad('dataHash');
  if (!isRecord(raw.source)) bad('source');
  return raw as unknown as StillsModelManifest;
}

/** Reads manifest.json (and checks labels.json agrees with it). */
export function readModelManifest(folder: string): StillsModelManifest {
  const manifest = parseStillsManifest(readJson(path.join(folder, 'manifest.json'), 'The model manifest'), folder);
  const labels = readJson(path.join(folder, 'labels.json'), 'The model labels');
  if (
    !isStrings(labels) ||
    labels.length !== manifest.classes.length ||
    labels.some((l, i) => l !== manifest.classes[i])
  )
    throw new MotifError('invalid-input', `${folder}: labels.json does not match the classes in manifest.json.`);
  return manifest;
}

/** model.json must be a layers model whose weight files are inside the folder and hold every weight. */
function checkWeights(folder: string): string[] {
  const json = readJson(path.join(folder, 'model.json'), 'model.json');
  if (!isRecord(json) || !isRecord(json.modelTopology) || !Array.isArray(json.weightsManifest))
    throw new MotifError('invalid-input', `${folder}: model.json is not a TensorFlow.js layers model.`);
  const files: string[] = [];
  let expected = 0;
  let found = 0;
  for (const group of json.weightsManifest as unknown[]) {
    if (!isRecord(group) || !isStrings(group.paths) || !Array.isArray(group.weights))
      throw new MotifError('invalid-input', `${folder}: model.json has a malformed weights manifest.`);
    for (const spec of group.weights as unknown[]) {
      if (!isRecord(spec) || !isNumbers(spec.shape) || (spec.dtype !== undefined && spec.dtype !== 'float32'))
        throw new MotifError('invalid-input', `${folder}: model.json lists a weight Motif cannot read.`);
      expected += 4 * (spec.shape as number[]).reduce((a, b) => a * b, 1);
    }
    for (const shard of group.paths) {
      const full = path.resolve(folder, shard);
      if (path.dirname(full) !== path.resolve(folder))
        throw new MotifError('invalid-input', `${folder}: a weight file lies outside the model folder (${shard}).`);
      let size: number;
      try {
        size = fs.statSync(full).size;
      } catch {
        throw new MotifError('invalid-input', `${folder}: the weight file ${shard} is missing.`);
      }
      found += size;
      files.push(shard);
    }
  }
  if (found !== expected)
    throw new MotifError(
      'invalid-input',
      `${folder}: the weight files hold ${found} bytes; model.json needs ${expected}.`,
    );
  return files;
}

/** A model folder checked for everything loading it needs: manifest, labels, model.json, weights. */
export function checkModelFolder(folder: string): { manifest: StillsModelManifest; files: string[] } {
  const manifest = readModelManifest(folder);
  const weights = checkWeights(folder);
  const descriptive = DESCRIPTIVE_FILES.filter((f) => fs.existsSync(path.join(folder, f)));
  if (descriptive.includes('evaluation.json')) {
    const evaluation = readEvaluation(folder);
    if (evaluation.classes.join('\n') !== manifest.classes.join('\n'))
      throw new MotifError('invalid-input', `${folder}: evaluation.json is for other classes than manifest.json.`);
  }
  if (descriptive.includes('history.json')) readHistory(folder);
  return { manifest, files: [...PORTABLE_FILES, ...weights, ...descriptive] };
}

function emptyOrAbsent(target: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new MotifError('conflict', `${target} is a file, not a folder.`);
    throw new MotifError('invalid-input', `${target} cannot be read (${(error as Error).message}).`);
  }
  if (entries.length > 0) throw new MotifError('conflict', `${target} is not empty; choose an empty or new folder.`);
}

/** Copies model.json, its weights, labels.json, manifest.json (and evaluation/history) into an empty (or new) folder. */
export function exportStillsModel(folder: string, target: string): { path: string; files: string[] } {
  if (!path.isAbsolute(target))
    throw new MotifError('invalid-input', `Give the export folder as an absolute path: ${target}`);
  emptyOrAbsent(target);
  const { files } = checkModelFolder(folder);
  fs.mkdirSync(target, { recursive: true });
  for (const file of files) fs.copyFileSync(path.join(folder, file), path.join(target, file));
  return { path: target, files };
}

/** Checks an exported folder and copies it into the data directory; returns the new folder (relative). */
export function importStillsModelFolder(
  dataDir: string,
  source: string,
): { path: string; manifest: StillsModelManifest } {
  if (!path.isAbsolute(source))
    throw new MotifError('invalid-input', `Give the model folder as an absolute path: ${source}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new MotifError('not-found', `There is no folder at ${source}.`);
  }
  if (!stat.isDirectory())
    throw new MotifError('invalid-input', `${source} is a file; choose an exported model folder.`);
  const { manifest, files } = checkModelFolder(source);
  const relative = path.join(STILLS_MODELS_FOLDER, randomUUID());
  const folder = path.join(dataDir, relative);
  fs.mkdirSync(folder, { recursive: true });
  try {
    for (const file of files) fs.copyFileSync(path.join(source, file), path.join(folder, file));
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw new MotifError('internal', `Copying the model failed: ${(error as Error).message}`);
  }
  return { path: relative, manifest };
}

export function readEvaluation(folder: string): StillsEvaluation {
  const raw = readJson(path.join(folder, 'evaluation.json'), 'The evaluation');
  if (!isRecord(raw) || !isStrings(raw.classes) || !Array.isArray(raw.confusion))
    throw new MotifError('invalid-input', `${folder}: evaluation.json is damaged.`);
  return raw as unknown as StillsEvaluation;
}

export function readHistory(folder: string): StillsEpoch[] {
  const raw = readJson(path.join(folder, 'history.json'), 'The training history');
  if (!Array.isArray(raw)) throw new MotifError('invalid-input', `${folder}: history.json is damaged.`);
  return raw as StillsEpoch[];
}

export function readPredictions(folder: string): PredictionsFile {
  const raw = readJson(path.join(folder, 'predictions.json'), 'The stored predictions');
  if (!isRecord(raw) || !isStrings(raw.classes) || !Array.isArray(raw.items))
    throw new MotifError('invalid-input', `${folder}: predictions.json is damaged.`);
  return raw as unknown as PredictionsFile;
}

/**
 * Loads a stills model folder. Transfer models predict from embeddings, and from pixels when a
 * backbone with the manifest's id is given; scratch models predict from pixels.
 */
export async function loadStillsClassifier(
  tf: Tf,
  folder: string,
  backbone?: Backbone,
): Promise<LoadedStillsClassifier> {
  const manifest = readModelManifest(folder);
  if (manifest.architecture === 'transfer' && backbone && backbone.id !== manifest.backbone?.id)
    throw new MotifError(
      'invalid-input',
      `This model was trained on the backbone ${manifest.backbone?.id ?? '?'}, not ${backbone.id}.`,
    );
  let model: LayersModel;
  try {
    model = await tf.loadLayersModel(fileSystemModel(folder));
  } catch (error) {
    if (error instanceof MotifError) throw error;
    throw new MotifError('invalid-input', `The model in ${folder} could not be loaded: ${(error as Error).message}`);
  }
  const classes = manifest.classes.length;
  const rows = async (output: Tensor2D, count: number): Promise<Float32Array[]> => {
    try {
      const flat = (await output.data()) as Float32Array;
      return Array.from({ length: count }, (_, i) => flat.slice(i * classes, (i + 1) * classes));
    } finally {
      output.dispose();
    }
  };
  const predictEmbeddings = async (vectors: readonly Float32Array[]): Promise<Float32Array[]> => {
    if (manifest.architecture !== 'transfer' || !manifest.normalization)
      throw new MotifError('invalid-input', 'A from-scratch model predicts from images, not embeddings.');
    return predictHead(tf, model, manifest.normalization, vectors);
  };
  return {
    manifest,
    predictEmbeddings,
    async predictPixels(pixels, count) {
      if (count === 0) return [];
      if (pixels.length !== count * INPUT_SIZE * INPUT_SIZE * 3)
        throw new MotifError('internal', 'Batch size does not match the pixel buffer.');
      if (manifest.architecture === 'transfer') {
        if (!backbone)
          throw new MotifError('unavailable', 'This transfer model needs its backbone to classify images.');
        return predictEmbeddings(await backbone.embed(pixels, count));
      }
      const output = tf.tidy(() => {
        const input = scratchPixels(tf, pixels, count);
        return model.predict(input) as Tensor2D;
      });
      return rows(output, count);
    },
    dispose() {
      model.dispose();
    },
  };
}
