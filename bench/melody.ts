/**
 * Melody benchmark (`npm run bench:melody`), one run, about a minute and a half:
 * 1. Training throughput of Motif's fused LSTM against the stock tfjs-layers LSTM on the same
 *    backend and shapes: 2x128 LSTM, 32 steps, one-hot vocabulary of 38, batch 64 (and Motif at a
 *    tuned batch, stock at the same batch for reference). The two run in alternating rounds and the
 *    median batch time of each is used, so load from other processes hits both alike.
 *    GFLOP/s counts the model's matMul work (forward x3 for training), the same for both.
 * 2. Milliseconds to generate 8 bars x 4 variations (after a 2-bar seed), in process and through the
 *    API to the worker and back (what the studio waits for).
 * 3. MIDI parse throughput (bench/lib/midi-parse.ts) over the reference MIDI folders.
 * `--quick` shortens the timed rounds; `--batch N` sets the tuned batch (default 128).
 */
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { initMlRuntime, type Tf } from '../src/main/engine/ml/runtime';
import { mulberry32 } from '../src/main/engine/ml/random';
import { DEFAULT_EXTRACTION } from '../src/main/engine/music/model/extract';
import { continueClip } from '../src/main/engine/music/model/generate';
import { benchGenerateApi } from './lib/generate-api';
import { LstmNet, type SequenceBatch } from '../src/main/engine/music/model/lstm';
import { SequenceIndex } from '../src/main/engine/music/model/memorisation';
import { createMelodyNet, type MelodyModel } from '../src/main/engine/music/model/store';
import type { Clip } from '../src/shared/music';

const quick = process.argv.includes('--quick');
const batchArg = process.argv.indexOf('--batch');
const TUNED_BATCH = batchArg > 0 ? Number(process.argv[batchArg + 1]) : 128;
const VOCAB = 38;
const STEPS = 32;
const HIDDEN = 128;
const BATCH = 64;
const ROUND_SECONDS = quick ? 2 : 5;
const ROUNDS = 3;

/** Forward matMul FLOPs per sample (fused gates [x, h] x [in + H, 4H], and the output layer). */
function forwardFlopsPerSample(): number {
  const layer = (inputs: number): number => 2 * (inputs + HIDDEN) * 4 * HIDDEN;
  return STEPS * (layer(VOCAB) + layer(HIDDEN) + 2 * HIDDEN * VOCAB);
}

function randomBatch(batchSize: number, seed: number): SequenceBatch {
  const random = mulberry32(seed);
  const n = STEPS * batchSize;
  const tokens = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    tokens[k] = Math.floor(random() * VOCAB);
    targets[k] = Math.floor(random() * VOCAB);
  }
  return { batchSize, steps: STEPS, tokens, features: null, targets, weights: new Float32Array(n).fill(1) };
}

interface Trainer {
  name: string;
  batchSize: number;
  step(): Promise<void>;
  dispose(): void;
  times: number[];
}

function motifTrainer(tf: Tf, batchSize: number): Trainer {
  const net = new LstmNet(tf, { vocabSize: VOCAB, featureSize: 0, hiddenSizes: [HIDDEN, HIDDEN] }, 1);
  const optimizer = tf.train.adam(0.001);
  const batch = randomBatch(batchSize, 2);
  const random = mulberry32(3);
  return {
    name: `Motif fused LSTM, batch ${batchSize}`,
    batchSize,
    times: [],
    async step() {
      net.trainStep(batch, optimizer, { dropout: 0, clipNorm: 5, random });
    },
    dispose() {
      net.dispose();
      optimizer.dispose();
    },
  };
}

function stockTrainer(tf: Tf, batchSize: number): Trainer {
  const model: LayersModel = tf.sequential({
    layers: [
      tf.layers.lstm({
        units: HIDDEN,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        inputShape: [STEPS, VOCAB],
      }),
      tf.layers.lstm({ units: HIDDEN, returnSequences: true, recurrentActivation: 'sigmoid' }),
      tf.layers.dense({ units: VOCAB, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const b = randomBatch(batchSize, 2);
  // Batch-major one-hot inputs and targets, [batch, steps, vocab].
  const batchMajor = (ids: Int32Array): Tensor =>
    tf.tidy(() => tf.oneHot(tf.transpose(tf.tensor2d(ids, [STEPS, batchSize], 'int32')), VOCAB).toFloat());
  const x = batchMajor(b.tokens);
  const y = batchMajor(b.targets);
  return {
    name: `stock tf.layers.lstm, batch ${batchSize}`,
    batchSize,
    times: [],
    async step() {
      await model.trainOnBatch(x, y);
    },
    dispose() {
      x.dispose();
      y.dispose();
      model.optimizer.dispose();
      model.dispose();
    },
  };
}

async function timeRound(trainer: Trainer, seconds: number): Promise<void> {
  const until = performance.now() + seconds * 1000;
  do {
    const t0 = performance.now();
    await trainer.step();
    trainer.times.push(performance.now() - t0);
  } while (performance.now() < until);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

function samplesPerSecond(trainer: Trainer): number {
  return (trainer.batchSize * 1000) / median(trainer.times);
}

async function benchTraining(tf: Tf): Promise<Record<string, number>> {
  const trainers = [
    motifTrainer(tf, BATCH),
    stockTrainer(tf, BATCH),
    motifTrainer(tf, TUNED_BATCH),
    stockTrainer(tf, TUNED_BATCH),
  ];
  try {
    for (const t of trainers) for (let k = 0; k < 2; k++) await t.step(); // warm up (kernels, optimizer slots)
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of trainers)
        await timeRound(t, t.name.startsWith('stock') && t.batchSize !== BATCH ? ROUND_SECONDS / 2 : ROUND_SECONDS);
    }
    const [ours, stock, oursTuned, stockTuned] = trainers.map(samplesPerSecond) as [number, number, number, number];
    const gflops = (sps: number): number => (3 * forwardFlopsPerSample() * sps) / 1e9;
    console.log(
      `\nTraining throughput (${STEPS} steps, 2x${HIDDEN}, vocab ${VOCAB}; median batch time over ${ROUNDS} alternating rounds)`,
    );
    for (const t of trainers) {
      const sps = samplesPerSecond(t);
      console.log(
        `  ${t.name.padEnd(34)} ${sps.toFixed(1).padStart(7)} samples/s  ${gflops(sps).toFixed(2).padStart(6)} GFLOP/s  (${t.times.length} batches, median ${median(t.times).toFixed(0)} ms)`,
      );
    }
    console.log(`  speed-up at batch ${BATCH} (same shapes):        ${(ours / stock).toFixed(2)}x`);
    console.log(`  speed-up at batch ${TUNED_BATCH} (same shapes):       ${(oursTuned / stockTuned).toFixed(2)}x`);
    console.log(`  Motif at batch ${TUNED_BATCH} vs stock at batch ${BATCH}:   ${(oursTuned / stock).toFixed(2)}x`);
    return {
      motifSamplesPerSecond: ours,
      stockSamplesPerSecond: stock,
      speedup: ours / stock,
      motifGflops: gflops(ours),
      stockGflops: gflops(stock),
      tunedBatch: TUNED_BATCH,
      motifTunedSamplesPerSecond: oursTuned,
      stockTunedSamplesPerSecond: stockTuned,
      tunedSpeedup: oursTuned / stockTuned,
      motifTunedGflops: gflops(oursTuned),
    };
  } finally {
    for (const t of trainers) t.dispose();
  }
}

async function benchGeneration(tf: Tf): Promise<Record<string, number>> {
  const spec = {
    range: DEFAULT_EXTRACTION.range,
    stepsPerQuarter: 4,
    positionFeatures: 24,
    hiddenSizes: [HIDDEN, HIDDEN],
    extraction: DEFAULT_EXTRACTION,
  };
  const random = mulberry32(5);
  const corpus = Array.from({ length: 200 }, () => Array.from({ length: 500 }, () => Math.floor(random() * VOCAB)));
  const model: MelodyModel = { spec, net: createMelodyNet(tf, spec, 1), index: SequenceIndex.build(corpus), info: {} };
  const seed: Clip = {
    ppq: 480,
    bpm: 120,
    timeSignature: { numerator: 4, denominator: 4 },
    key: { tonic: 2, mode: 'major' },
    notes: [62, 64, 66, 67, 69, 71, 73, 74, 73, 71, 69, 67, 66, 64, 62, 61].map((pitch, k) => ({
      id: `n${k}`,
      pitch,
      tick: k * 240,
      durationTicks: 240,
      velocity: 80,
    })),
    lengthTicks: 2 * 1920,
  };
  try {
    const before = tf.memory().numTensors;
    const options = { bars: 8, temperature: 1, variations: 4, seed: 1, key: seed.key };
    continueClip(model, seed, options); // warm up
    const runs: number[] = [];
    for (let k = 0; k < 7; k++) runs.push(continueClip(model, seed, { ...options, seed: k }).ms);
    const leaked = tf.memory().numTensors - before;
    console.log(
      `\nGeneration: 8 bars x 4 variations (128 steps, 2x${HIDDEN}, key lock, memorisation meter over ${corpus.length * 500} indexed steps)`,
    );
    console.log(
      `  median ${median(runs).toFixed(1)} ms, best ${Math.min(...runs).toFixed(1)} ms over ${runs.length} runs; tensors leaked: ${leaked}`,
    );
    const api = await benchGenerateApi(model, seed);
    console.log(
      `  through the API (engine -> worker -> engine, as the studio asks): median ${api.medianMs.toFixed(1)} ms (worker ${api.workerMs.toFixed(1)} ms); first call ${api.firstMs.toFixed(0)} ms (starts the worker, loads tfjs and the model)`,
    );
    return {
      generate8x4Ms: median(runs),
      generate8x4BestMs: Math.min(...runs),
      generateLeakedTensors: leaked,
      generate8x4ApiMs: api.medianMs,
      generateFirstApiMs: api.firstMs,
    };
  } finally {
    model.net.dispose();
  }
}

async function benchParse(): Promise<Record<string, number> | null> {
  try {
    const { benchMidiParse } = await import('./lib/midi-parse');
    const result = benchMidiParse({ minSeconds: quick ? 1 : 2 });
    console.log('\nMIDI parse throughput (bench/lib/midi-parse.ts)');
    for (const s of result.sets) {
      console.log(
        `  ${s.name.padEnd(24)} ${s.files} files, ${(s.bytes / 1e6).toFixed(2)} MB: ${s.mbPerSecond.toFixed(1)} MB/s (best pass ${s.bestPassMbPerSecond.toFixed(1)})`,
      );
    }
    if (result.missing.length > 0) console.log(`  missing: ${result.missing.join(', ')}`);
    console.log(`  total ${result.total.mbPerSecond.toFixed(1)} MB/s`);
    return { midiParseMbPerSecond: result.total.mbPerSecond };
  } catch (error) {
    console.log(`\nMIDI parse throughput: skipped (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

const { tf, info } = await initMlRuntime();
console.log(
  `bench:melody on ${info.active} (${info.attempts.find((a) => a.backend === info.active)?.detail ?? ''}), tfjs ${info.tfjsVersion}`,
);
const tensorsBefore = tf.memory().numTensors;
const training = await benchTraining(tf);
const generation = await benchGeneration(tf);
const parse = await benchParse();
console.log(`\ntensors before ${tensorsBefore}, after ${tf.memory().numTensors}`);
console.log(JSON.stringify({ backend: info.active, ...training, ...generation, ...(parse ?? {}) }));
