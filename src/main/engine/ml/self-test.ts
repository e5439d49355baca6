/**
 * The ML self-test: a real, tiny TensorFlow.js training run in the worker. It learns to separate
 * two interleaved spirals (generated, seeded), reports falling loss as it goes, honours cancel
 * through `model.stopTraining`, and saves the model as a model version. It proves the whole
 * pipeline: API -> job registry -> worker -> tfjs backend -> model files -> catalogue.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Scalar } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import type { JobOutcome } from '../jobs/protocol';
import { etaSeconds } from '../worker/progress';
import type { JobContext } from '../worker/context';
import { folderSaver } from './model-files';
import { gaussian, mulberry32 } from './random';

export const SELF_TEST_DEFAULTS = { steps: 400, seed: 7, samples: 1024, batchSize: 32, hidden: 64, learningRate: 0.01 } as const;

export interface SpiralData {
  x: Float32Array;
  y: Float32Array;
  count: number;
}

/** Two spirals, one per class, with a little Gaussian noise. */
export function makeSpirals(count: number, seed: number): SpiralData {
  const random = mulberry32(seed);
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const t = (random() * 3 + 0.25) * Math.PI;
    const r = t / (3.25 * Math.PI);
    const angle = t + label * Math.PI;
    x[i * 2] = r * Math.cos(angle) + gaussian(random) * 0.03;
    x[i * 2 + 1] = r * Math.sin(angle) + gaussian(random) * 0.03;
    y[i] = label;
  }
  return { x, y, count };
}

export function hashData(data: SpiralData): string {
  return createHash('sha256')
    .update(new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength))
    .update(new Uint8Array(data.y.buffer, data.y.byteOffset, data.y.byteLength))
    .digest('hex');
}

function readInt(params: Record<string, unknown>, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export async function runSelfTest(params: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const steps = readInt(params, 'steps', SELF_TEST_DEFAULTS.steps);
  const seed = readInt(params, 'seed', SELF_TEST_DEFAULTS.seed);
  const { batchSize, samples, hidden, learningRate } = SELF_TEST_DEFAULTS;

  context.progress({ fraction: 0, stage: 'starting', message: 'Starting the ML runtime' });
  const { tf, info } = await context.ml();
  const data = makeSpirals(samples, seed);
  const tensorsBefore = tf.memory().numTensors;

  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: hidden, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed }) }),
      tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed + 1 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
  const optimizer = tf.train.adam(learningRate);
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });

  const xs = tf.tensor2d(data.x, [samples, 2]);
  const ys = tf.tensor2d(data.y, [samples, 1]);
  const losses: number[] = [];
  const started = performance.now();
  let step = 0;
  try {
    await model.fit(xs, ys, {
      batchSize,
      epochs: Math.ceil((steps * batchSize) / samples),
      shuffle: true,
      verbose: 0,
      callbacks: {
        onBatchEnd: async (_batch, logs) => {
          step += 1;
          const loss = Number(logs?.loss ?? NaN);
          losses.push(loss);
          const fraction = step / steps;
          context.progress({
            fraction,
            stage: 'training',
            message: `Step ${step} of ${steps}`,
            metrics: { loss, accuracy: Number(logs?.acc ?? logs?.accuracy ?? NaN), step },
            etaSeconds: etaSeconds(performance.now() - started, fraction),
          });
          if (step >= steps || context.signal.aborted) model.stopTraining = true;
        },
      },
    });
    if (context.signal.aborted) throw new MotifError('cancelled', 'The self-test was cancelled.');

    const [lossTensor, accTensor] = model.evaluate(xs, ys, { batchSize: 256 }) as [Scalar, Scalar];
    const finalLoss = (await lossTensor.data())[0] ?? NaN;
    const accuracy = (await accTensor.data())[0] ?? NaN;
    lossTensor.dispose();
    accTensor.dispose();

    const window = Math.max(1, Math.floor(losses.length / 10));
    const initialLoss = mean(losses.slice(0, window));
    const trainingSeconds = (performance.now() - started) / 1000;
    const folder = path.join('models', `self-test-${context.jobId}-${Date.now()}`);
    await model.save(folderSaver(path.join(context.dataDir, folder)));

    context.progress({ fraction: 1, stage: 'done', message: `Finished ${step} steps`, metrics: { loss: finalLoss, accuracy } });
    const metrics = {
      initialLoss,
      finalLoss,
      accuracy,
      steps: step,
      stepsPerSecond: step / trainingSeconds,
      trainingSeconds,
    };
    return {
      summary: { ...metrics, backend: info.active },
      model: {
        kind: 'self-test',
        name: `Self-test #${context.jobId} (${info.active})`,
        params: { steps, seed, samples, batchSize, hidden, optimizer: 'adam', learningRate, backend: info.active },
        dataHash: hashData(data),
        metrics,
        path: folder,
      },
    };
  } finally {
    xs.dispose();
    ys.dispose();
    model.dispose();
    optimizer.dispose();
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked > 0) console.warn(`[self-test] ${leaked} tensors were not disposed`);
  }
}
