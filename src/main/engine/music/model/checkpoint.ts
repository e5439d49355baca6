/**
 * Training checkpoints: the model folder (see store.ts) plus the optimizer's slots
 * (`optimizer.bin`, manifest in `checkpoint.json`) and where training stood. Written to a
 * temporary folder and renamed into place, so a crash never leaves a half-written checkpoint.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Optimizer, Tensor } from '@tensorflow/tfjs';
import type { MelodyEpoch } from '../../../../shared/melody';
import type { Tf } from '../../ml/runtime';
import type { LstmNet } from './lstm';
import { assignWeights, saveMelodyModel, type MelodyModelSpec, type WeightEntry } from './store';

/** One epoch of training (the shape the API shows too). */
export type EpochRecord = MelodyEpoch;

export interface TrainingState {
  /** Identifies the data and settings; a checkpoint only resumes the same run. */
  runKey: string;
  /** Epoch in progress (0-based). */
  epoch: number;
  /** Batches of that epoch already done. */
  batch: number;
  history: EpochRecord[];
  /** Training time so far, over every session. */
  trainingMs: number;
  /** Training windows seen so far. */
  samples: number;
  /** Running sums of the epoch in progress. */
  epochLossSum: number;
  epochCorrect: number;
  epochEventCorrect: number;
  epochEventCount: number;
  epochCount: number;
  epochMs: number;
}

interface CheckpointJson {
  state: TrainingState;
  optimizer: Array<{ name: string; shape: number[]; dtype: string; offset: number }>;
  weights: WeightEntry[];
}

export async function saveCheckpoint(
  dir: string,
  spec: MelodyModelSpec,
  net: LstmNet,
  optimizer: Optimizer,
  state: TrainingState,
): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await saveMelodyModel(tmp, spec, net, null, { checkpoint: true });
  const slots = await optimizer.getWeights();
  const manifest: CheckpointJson['optimizer'] = [];
  const total = slots.reduce((s, w) => s + w.tensor.size, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const { name, tensor } of slots) {
    data.set(Float32Array.from(tensor.dataSync()), offset);
    manifest.push({ name, shape: [...tensor.shape], dtype: tensor.dtype, offset });
    offset += tensor.size;
  }
  // getWeights makes a fresh tensor for the iteration count; the slots themselves stay.
  const iterations = slots[0];
  if (iterations && iterations.name === 'iter') iterations.tensor.dispose();
  await fs.writeFile(path.join(tmp, 'optimizer.bin'), new Uint8Array(data.buffer));
  const modelJson = JSON.parse(await fs.readFile(path.join(tmp, 'model.json'), 'utf8')) as { weights: WeightEntry[] };
  const json: CheckpointJson = { state, optimizer: manifest, weights: modelJson.weights };
  await fs.writeFile(path.join(tmp, 'checkpoint.json'), JSON.stringify(json));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(path.dirname(dir), { recursive: true });
  await fs.rename(tmp, dir);
}

/**
 * Restore a checkpoint into a fresh net and optimizer (same architecture and run). Returns null
 * when there is no checkpoint or it belongs to another run.
 */
export async function loadCheckpoint(
  tf: Tf,
  dir: string,
  runKey: string,
  net: LstmNet,
  optimizer: Optimizer,
): Promise<TrainingState | null> {
  let json: CheckpointJson;
  try {
    json = JSON.parse(await fs.readFile(path.join(dir, 'checkpoint.json'), 'utf8')) as CheckpointJson;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  if (json.state?.runKey !== runKey) return null;
  const read = async (file: string): Promise<Float32Array> => {
    const bytes = await fs.readFile(path.join(dir, file));
    const copy = new Uint8Array(bytes.byteLength - (bytes.byteLength % 4));
    copy.set(bytes.subarray(0, copy.byteLength));
    return new Float32Array(copy.buffer);
  };
  assignWeights(tf, net, json.weights, await read('weights.bin'));
  const data = await read('optimizer.bin');
  const tensors: Array<{ name: string; tensor: Tensor }> = json.optimizer.map((entry) => {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.offset < 0 || entry.offset + size > data.length) throw new Error('optimizer.bin is truncated');
    const values = data.subarray(entry.offset, entry.offset + size);
    return {
      name: entry.name,
      tensor:
        entry.dtype === 'int32'
          ? tf.tensor(Int32Array.from(values), entry.shape, 'int32')
          : tf.tensor(values, entry.shape),
    };
  });
  try {
    if (tensors.length > 0) await optimizer.setWeights(tensors);
  } finally {
    for (const t of tensors) t.tensor.dispose(); // the optimizer's variables keep their own reference
  }
  return json.state;
}
