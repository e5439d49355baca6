/**
 * A trained melody model on disk: a folder with `model.json` (format, vocabulary, extraction
 * settings, architecture, weight manifest and training info), `weights.bin` (float32, in manifest
 * order) and `memorisation.bin` (the training-sequence index of the memorisation meter).
 * Checkpoints add `optimizer.bin` and `checkpoint.json` (see checkpoint.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Tf } from '../../ml/runtime';
import { DEFAULT_EXTRACTION, type ExtractionOptions } from './extract';
import { LstmNet } from './lstm';
import { SequenceIndex } from './memorisation';
import { checkRange, vocabularySize, type PitchRange } from './vocabulary';

export const MELODY_MODEL_FORMAT = 'motif-melody-lstm';
export const MELODY_MODEL_VERSION = 1;

/** Everything needed to feed the net and read its output, besides the weights. */
export interface MelodyModelSpec {
  range: PitchRange;
  stepsPerQuarter: number;
  /** One-hot size of the position-in-bar input (0 = the net has no position input). */
  positionFeatures: number;
  hiddenSizes: number[];
  extraction: ExtractionOptions;
}

export interface WeightEntry {
  name: string;
  shape: number[];
  /** Offset in float32 elements into weights.bin. */
  offset: number;
}

interface ModelJson {
  format: typeof MELODY_MODEL_FORMAT;
  version: number;
  spec: MelodyModelSpec;
  weights: WeightEntry[];
  info: Record<string, unknown>;
}

/** A loaded model: the net, its spec and its memorisation index. */
export interface MelodyModel {
  spec: MelodyModelSpec;
  net: LstmNet;
  index: SequenceIndex | null;
  info: Record<string, unknown>;
}

export function createMelodyNet(tf: Tf, spec: MelodyModelSpec, seed: number): LstmNet {
  checkRange(spec.range);
  return new LstmNet(
    tf,
    { vocabSize: vocabularySize(spec.range), featureSize: spec.positionFeatures, hiddenSizes: spec.hiddenSizes },
    seed,
  );
}

export function disposeMelodyModel(model: MelodyModel): void {
  model.net.dispose();
}

/** Weight values of a net, in manifest order. */
export function netWeights(net: LstmNet): { entries: WeightEntry[]; data: Float32Array } {
  const named = net.namedVariables();
  const total = named.reduce((s, v) => s + v.variable.size, 0);
  const data = new Float32Array(total);
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const { name, variable } of named) {
    data.set(variable.dataSync() as Float32Array, offset);
    entries.push({ name, shape: [...variable.shape], offset });
    offset += variable.size;
  }
  return { entries, data };
}

/** Assign saved weights to a net of the same architecture. */
export function assignWeights(tf: Tf, net: LstmNet, entries: readonly WeightEntry[], data: Float32Array): void {
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const { name, variable } of net.namedVariables()) {
    const entry = byName.get(name);
    if (!entry) throw new Error(`the saved model has no weight "${name}"`);
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.shape.join('x') !== variable.shape.join('x')) {
      throw new Error(`weight "${name}" has shape ${entry.shape.join('x')}, expected ${variable.shape.join('x')}`);
    }
    if (entry.offset < 0 || entry.offset + size > data.length)
      throw new Error(`weight "${name}" lies outside weights.bin`);
    tf.tidy(() => variable.assign(tf.tensor(data.subarray(entry.offset, entry.offset + size), entry.shape)));
  }
}

function float32Bytes(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

async function readFloat32(file: string): Promise<Float32Array> {
  const bytes = await fs.readFile(file);
  if (bytes.byteLength % 4 !== 0) throw new Error(`${path.basename(file)} is not a float32 file`);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** Write a model folder (created if missing; files replaced). */
export async function saveMelodyModel(
  dir: string,
  spec: MelodyModelSpec,
  net: LstmNet,
  index: SequenceIndex | null,
  info: Record<string, unknown>,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const { entries, data } = netWeights(net);
  await fs.writeFile(path.join(dir, 'weights.bin'), float32Bytes(data));
  if (index) await fs.writeFile(path.join(dir, 'memorisation.bin'), index.serialise());
  const json: ModelJson = { format: MELODY_MODEL_FORMAT, version: MELODY_MODEL_VERSION, spec, weights: entries, info };
  await fs.writeFile(path.join(dir, 'model.json'), JSON.stringify(json, null, 1));
}

function parseSpec(raw: unknown): MelodyModelSpec {
  const s = raw as Partial<MelodyModelSpec> | null;
  if (
    !s ||
    typeof s !== 'object' ||
    !s.range ||
    typeof s.stepsPerQuarter !== 'number' ||
    typeof s.positionFeatures !== 'number' ||
    !Array.isArray(s.hiddenSizes) ||
    !s.hiddenSizes.every((h) => Number.isInteger(h) && h > 0 && h <= 4096)
  ) {
    throw new Error('model.json has no valid spec');
  }
  checkRange(s.range);
  return {
    range: { minPitch: s.range.minPitch, maxPitch: s.range.maxPitch },
    stepsPerQuarter: s.stepsPerQuarter,
    positionFeatures: s.positionFeatures,
    hiddenSizes: [...s.hiddenSizes],
    extraction: { ...DEFAULT_EXTRACTION, ...(s.extraction ?? {}), range: s.range },
  };
}

/** Read a model folder written by `saveMelodyModel` (the memorisation index is optional). */
export async function loadMelodyModel(tf: Tf, dir: string): Promise<MelodyModel> {
  const json = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')) as Partial<ModelJson>;
  if (json.format !== MELODY_MODEL_FORMAT)
    throw new Error(`${dir} is not a melody model (format ${String(json.format)})`);
  if (json.version !== MELODY_MODEL_VERSION)
    throw new Error(`melody model version ${String(json.version)} is not supported`);
  const spec = parseSpec(json.spec);
  const data = await readFloat32(path.join(dir, 'weights.bin'));
  const net = createMelodyNet(tf, spec, 1);
  try {
    assignWeights(tf, net, json.weights ?? [], data);
  } catch (error) {
    net.dispose();
    throw error;
  }
  let index: SequenceIndex | null = null;
  try {
    index = SequenceIndex.deserialise(new Uint8Array(await fs.readFile(path.join(dir, 'memorisation.bin'))));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') {
      net.dispose();
      throw error;
    }
  }
  return { spec, net, index, info: json.info ?? {} };
}
