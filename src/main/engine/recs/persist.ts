import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import { type FactorSample, type MFModel, type UserPrior } from './mf-model';
import { type RatingScale } from './ratings';

/**
 * A trained model on disk: a folder with `model.json` (settings, id maps, priors, metrics and a
 * table of the arrays) and `model.bin` (the arrays, little-endian, 8-byte aligned). The pure
 * `serializeModel` / `deserializeModel` work on bytes; `saveModel` / `loadModel` do the files,
 * writing the binary first and the JSON last through temporary names, so a folder with a
 * model.json always has the binary it describes.
 */

export const MODEL_FORMAT = 'motif-recs-model';
export const MODEL_VERSION = 1;

type ArrayKind = 'f64' | 'i32';
interface ArrayEntry {
  name: string;
  kind: ArrayKind;
  offset: number;
  length: number;
}

type JsonPrior =
  { kind: 'ridge'; reg: number } | { kind: 'gaussian'; noisePrecision: number; mean: number[]; precision: number[] };

interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  algorithm: string;
  factors: number;
  globalMean: number;
  scale: RatingScale;
  params: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
  samples: number;
  userIds: string[];
  itemIds: string[];
  priors: JsonPrior[];
  hasDayBiases: boolean;
  arrays: ArrayEntry[];
}

export interface SerializedModel {
  json: string;
  bin: Uint8Array;
}

export function serializeModel(model: MFModel, metrics: Record<string, unknown> | null = null): SerializedModel {
  const arrays: { name: string; data: Float64Array | Int32Array }[] = [];
  model.samples.forEach((s, j) => {
    arrays.push({ name: `userBias.${j}`, data: s.userBias });
    arrays.push({ name: `itemBias.${j}`, data: s.itemBias });
    arrays.push({ name: `userFactors.${j}`, data: s.userFactors });
    arrays.push({ name: `itemFactors.${j}`, data: s.itemFactors });
    if (s.itemImplicit) arrays.push({ name: `itemImplicit.${j}`, data: s.itemImplicit });
  });
  if (model.dayBiases) {
    const keys = Float64Array.from(model.dayBiases.byKey.keys());
    arrays.push({ name: 'dayKeys', data: keys });
    arrays.push({ name: 'dayValues', data: Float64Array.from(keys, (key) => model.dayBiases?.byKey.get(key) ?? 0) });
  }
  arrays.push({ name: 'userCount', data: model.userCount });
  arrays.push({ name: 'itemCount', data: model.itemCount });

  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const a of arrays) {
    entries.push({ name: a.name, kind: a.data instanceof Float64Array ? 'f64' : 'i32', offset, length: a.data.length });
    offset += Math.ceil(a.data.byteLength / 8) * 8;
  }
  const bin = new Uint8Array(offset);
  const view = new DataView(bin.buffer);
  arrays.forEach((a, j) => {
    const at = entries[j]?.offset ?? 0;
    if (a.data instanceof Float64Array) a.data.forEach((v, x) => view.setFloat64(at + 8 * x, v, true));
    else a.data.forEach((v, x) => view.setInt32(at + 4 * x, v, true));
  });
  const json: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    algorithm: model.algorithm,
    factors: model.factors,
    globalMean: model.globalMean,
    scale: model.scale,
    params: model.params,
    metrics,
    samples: model.samples.length,
    userIds: [...model.userIds],
    itemIds: [...model.itemIds],
    priors: model.priors.map((p): JsonPrior =>
      p.kind === 'ridge'
        ? { kind: 'ridge', reg: p.reg }
        : { kind: 'gaussian', noisePrecision: p.noisePrecision, mean: [...p.mean], precision: [...p.precision] },
    ),
    hasDayBiases: model.dayBiases !== null,
    arrays: entries,
  };
  return { json: JSON.stringify(json), bin };
}

function bad(message: string): MotifError {
  return new MotifError('invalid-input', `not a readable recommender model: ${message}`);
}

export function deserializeModel(
  jsonText: string,
  bin: Uint8Array,
): { model: MFModel; metrics: Record<string, unknown> | null } {
  let json: ModelJson;
  try {
    json = JSON.parse(jsonText) as ModelJson;
  } catch (error) {
    throw bad(`model.json is not JSON (${(error as Error).message})`);
  }
  if (json.format !== MODEL_FORMAT) throw bad(`unknown format ${JSON.stringify(json.format)}`);
  if (json.version !== MODEL_VERSION) throw bad(`unsupported version ${json.version}`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const byName = new Map(json.arrays.map((e) => [e.name, e]));
  const read = (name: string, kind: ArrayKind, expected: number): Float64Array | Int32Array => {
    const e = byName.get(name);
    if (!e || e.kind !== kind) throw bad(`array ${name} is missing`);
    if (e.length !== expected) throw bad(`array ${name} has ${e.length} values, expected ${expected}`);
    const width = kind === 'f64' ? 8 : 4;
    if (e.offset < 0 || e.offset + width * e.length > bin.byteLength)
      throw bad(`array ${name} runs past the end of model.bin`);
    if (kind === 'f64')
      return Float64Array.from({ length: e.length }, (_, x) => view.getFloat64(e.offset + 8 * x, true));
    return Int32Array.from({ length: e.length }, (_, x) => view.getInt32(e.offset + 4 * x, true));
  };
  const nUsers = json.userIds.length;
  const nItems = json.itemIds.length;
  const k = json.factors;
  const samples: FactorSample[] = [];
  for (let j = 0; j < json.samples; j++) {
    const sample: FactorSample = {
      userBias: read(`userBias.${j}`, 'f64', nUsers) as Float64Array,
      itemBias: read(`itemBias.${j}`, 'f64', nItems) as Float64Array,
      userFactors: read(`userFactors.${j}`, 'f64', nUsers * k) as Float64Array,
      itemFactors: read(`itemFactors.${j}`, 'f64', nItems * k) as Float64Array,
    };
    samples.push(
      byName.has(`itemImplicit.${j}`)
        ? { ...sample, itemImplicit: read(`itemImplicit.${j}`, 'f64', nItems * k) as Float64Array }
        : sample,
    );
  }
  if (samples.length === 0) throw bad('it has no parameters');
  let dayBiases: MFModel['dayBiases'] = null;
  if (json.hasDayBiases) {
    const count = byName.get('dayKeys')?.length ?? -1;
    const keys = read('dayKeys', 'f64', count);
    const values = read('dayValues', 'f64', count);
    dayBiases = { byKey: new Map(Array.from(keys, (key, x) => [key, values[x] ?? 0])) };
  }
  const priors: UserPrior[] = json.priors.map((p) =>
    p.kind === 'ridge'
      ? { kind: 'ridge', reg: p.reg }
      : {
          kind: 'gaussian',
          noisePrecision: p.noisePrecision,
          mean: Float64Array.from(p.mean),
          precision: Float64Array.from(p.precision),
        },
  );
  const model: MFModel = {
    algorithm: json.algorithm,
    factors: k,
    globalMean: json.globalMean,
    samples,
    priors,
    userCount: read('userCount', 'i32', nUsers) as Int32Array,
    itemCount: read('itemCount', 'i32', nItems) as Int32Array,
    userIds: json.userIds,
    itemIds: json.itemIds,
    scale: json.scale,
    dayBiases,
    params: json.params,
  };
  return { model, metrics: json.metrics };
}

export function saveModel(dir: string, model: MFModel, metrics: Record<string, unknown> | null = null): void {
  const { json, bin } = serializeModel(model, metrics);
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, data: string | Uint8Array) => {
    const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path.join(dir, name));
  };
  write('model.bin', bin);
  write('model.json', json);
}

export function loadModel(dir: string): { model: MFModel; metrics: Record<string, unknown> | null } {
  const jsonFile = path.join(dir, 'model.json');
  const binFile = path.join(dir, 'model.bin');
  if (!fs.existsSync(jsonFile) || !fs.existsSync(binFile))
    throw new MotifError('not-found', `no recommender model in ${dir}`);
  return deserializeModel(fs.readFileSync(jsonFile, 'utf8'), fs.readFileSync(binFile));
}
