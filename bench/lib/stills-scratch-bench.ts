/**
 * The from-scratch CNN side of bench:stills, through the product's own code: the training-step
 * throughput of `trainScratchCnn` (the function the `stills-train` job's scratch path calls) at its
 * batch size, and a full scratch training run by the `stills-import` and `stills-train` job runners
 * on a generated shot-scale set (film-prefixed file names, so the split holds out whole films),
 * with the validation accuracy beside chance and the majority class.
 */
import path from 'node:path';
import type { MlRuntime, Tf } from '../../src/main/engine/ml/runtime';
import { runStillsImport } from '../../src/main/engine/stills/import-runner';
import { SCRATCH_DEFAULTS, trainScratchCnn } from '../../src/main/engine/stills/scratch-cnn';
import { readTrainParams, runStillsTrain } from '../../src/main/engine/stills/train-runner';
import { SCRATCH_EPOCHS } from '../../src/main/engine/stills/train-steps';
import type { JobContext } from '../../src/main/engine/worker/context';
import type { StillsEpoch } from '../../src/shared/stills';
import { writeShotScaleSet } from '../../tests/stills/shot-scale-set';

export interface ScratchBenchOptions {
  /** Generated stills per shot-scale class (five classes). */
  perClass: number;
  /** Films the stills come from (the file-name prefixes the split groups by). */
  films: number;
  /** Timed training steps after the warm-up step (fewer when the set is too small). */
  steps: number;
  /** The training job's time budget (`maxMinutes`). */
  maxMinutes: number;
}

export interface StepThroughput {
  samplesPerSecond: number;
  steps: number;
  medianStepMs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Samples per second of `trainScratchCnn`'s training step (batch assembly with augmentation, the
 * Adam step, reading back the loss) over `steps` full batches that follow one warm-up batch. The
 * stills are decoded into the cache before the first batch, so decoding is not timed; training
 * is cancelled after the last timed batch and the model thrown away.
 */
export async function benchScratchSteps(
  tf: Tf,
  stills: ReadonlyArray<{ path: string; label: number }>,
  classes: readonly string[],
  steps: number,
): Promise<StepThroughput> {
  const batchSize = SCRATCH_DEFAULTS.batchSize;
  const timed = Math.min(steps, Math.floor(stills.length / batchSize) - 1);
  if (timed < 1) throw new Error(`timing training steps needs at least ${2 * batchSize} stills, got ${stills.length}`);
  const ends: number[] = [];
  const stop = new AbortController();
  const result = await trainScratchCnn(tf, {
    train: stills,
    validation: [],
    classes,
    aspect: 'crop',
    epochs: 1,
    budgetMs: null,
    augment: true,
    seed: 7,
    signal: stop.signal,
    onEpoch: () => undefined,
    onBatch: (done) => {
      ends.push(performance.now());
      if (done > timed) stop.abort();
    },
  });
  result.model.dispose();
  const stepMs = ends.slice(1, timed + 1).map((end, i) => end - (ends[i] as number));
  if (stepMs.length !== timed) throw new Error(`expected ${timed} timed steps after the warm-up, got ${stepMs.length}`);
  const totalMs = stepMs.reduce((a, b) => a + b, 0);
  return { samplesPerSecond: (timed * batchSize) / (totalMs / 1000), steps: timed, medianStepMs: median(stepMs) };
}

/**
 * Why the step above has no stock-gradient twin. `ensureConvGradients` (scratch-conv-grad.ts),
 * which `trainScratchCnn` calls on every run, registers its kernels in tfjs's global kernel
 * registry for the wasm backend and has no switch to turn them off; stock tfjs-backend-wasm has no
 * filter gradient at all. `stockFilterGradient`: whether the backend had one before this section
 * trained anything.
 */
export function stockComparisonNote(backend: string, stockFilterGradient: boolean): string {
  if (backend !== 'wasm')
    return `stock tfjs gradients: the fast kernels are wasm-only (ensureConvGradients leaves ${backend} alone), so the step above already uses the stock ones; no comparison`;
  return (
    'stock tfjs gradients: comparison skipped. ensureConvGradients (scratch-conv-grad.ts) registers the fast kernels ' +
    "in tfjs's global kernel registry on every trainScratchCnn call and offers no way to turn them off, and " +
    (stockFilterGradient
      ? 'the stock Conv2DBackpropInput it replaces is kept only inside its closure'
      : 'stock tfjs-backend-wasm has no Conv2DBackpropFilter kernel, so a stock training step cannot run on wasm at all')
  );
}

export interface ScratchRun {
  accuracy: number;
  majority: number;
  chance: number;
  trainCount: number;
  validationCount: number;
  splitBy: string;
  stoppedBy: string;
  history: StillsEpoch[];
  /** The job's own trainSeconds: decoding, training and scoring the validation stills. */
  trainSeconds: number;
  /** Wall time of the whole `stills-train` job, and of the import before it. */
  jobSeconds: number;
  importSeconds: number;
  groupPattern: string | null;
  /** The job's parameters after its defaults were applied. */
  params: ReturnType<typeof readTrainParams>;
}

function benchContext(ml: MlRuntime, dataDir: string): JobContext {
  return {
    jobId: 1,
    dataDir,
    signal: new AbortController().signal,
    progress: () => undefined,
    ml: () => Promise.resolve(ml),
  };
}

/** Imports the folder as a dataset and trains a scratch model on it with the job's defaults. */
export async function benchScratchRun(
  ml: MlRuntime,
  root: string,
  dataDir: string,
  maxMinutes: number,
): Promise<ScratchRun> {
  const context = benchContext(ml, dataDir);
  const importStarted = performance.now();
  const imported = (await runStillsImport({ root, name: 'Shot scales (bench)' }, context)).summary as {
    datasetId: number;
    groupPattern: string | null;
  };
  const importSeconds = (performance.now() - importStarted) / 1000;
  const raw = { datasetId: imported.datasetId, architecture: 'scratch', maxMinutes };
  const started = performance.now();
  const outcome = await runStillsTrain(raw, { ...context, jobId: 2 });
  const jobSeconds = (performance.now() - started) / 1000;
  // The fields of the stills-train job's summary this bench reads (train-runner.ts).
  const s = outcome.summary as {
    accuracy: number;
    majorityBaseline: number;
    chance: number;
    trainCount: number;
    validationCount: number;
    trainSeconds: number;
    splitBy: string;
    stoppedBy: string;
    history: StillsEpoch[];
  };
  return {
    accuracy: s.accuracy,
    majority: s.majorityBaseline,
    chance: s.chance,
    trainCount: s.trainCount,
    validationCount: s.validationCount,
    splitBy: s.splitBy,
    stoppedBy: s.stoppedBy,
    history: s.history,
    trainSeconds: s.trainSeconds,
    jobSeconds,
    importSeconds,
    groupPattern: imported.groupPattern,
    params: readTrainParams(raw),
  };
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The scratch-CNN section: generates the set in `dir`, measures, prints. */
export async function benchScratch(ml: MlRuntime, dir: string, options: ScratchBenchOptions): Promise<void> {
  const { tf } = ml;
  const backend = tf.getBackend();
  const stockFilterGradient = tf.getKernel('Conv2DBackpropFilter', backend) !== undefined;
  const t0 = performance.now();
  const root = path.join(dir, 'shot-scales');
  const set = await writeShotScaleSet(root, { perClass: options.perClass, films: options.films, seed: 5 });
  console.log(
    `\nFrom-scratch CNN (scratch-cnn.ts, the stills-train job's scratch path) on ${backend}: ${set.files.length} generated ` +
      `256×144 shot-scale stills, ${set.classes.length} classes × ${options.perClass} from ${options.films} films ` +
      `(written in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );

  const stills = set.files.map((f) => ({ path: f.path, label: set.classes.indexOf(f.label) }));
  const steps = await benchScratchSteps(tf, stills, set.classes, options.steps);
  console.log(
    `training step, batch ${SCRATCH_DEFAULTS.batchSize} (trainScratchCnn, augmentation on, decoding not timed): ` +
      `${steps.samplesPerSecond.toFixed(1)} samples/s over ${steps.steps} steps after a warm-up step (median step ${steps.medianStepMs.toFixed(0)} ms)`,
  );
  console.log(stockComparisonNote(backend, stockFilterGradient));

  const run = await benchScratchRun(ml, root, path.join(dir, 'scratch-data'), options.maxMinutes);
  const { params } = run;
  console.log(
    `full scratch run (stills-import + stills-train job runners, default settings: up to ${params.epochs ?? SCRATCH_EPOCHS} epochs, ` +
      `augmentation ${params.augment ? 'on' : 'off'}, ${Math.round(100 * params.validationFraction)}% held out by ${run.splitBy === 'group' ? 'film' : 'still'}, ` +
      `seed ${params.seed}; budget ${options.maxMinutes} min): ${run.trainCount} train / ${run.validationCount} validation stills`,
  );
  console.log(
    `validation accuracy ${percent(run.accuracy)} vs chance ${percent(run.chance)} and majority class ${percent(run.majority)}; ` +
      `${run.history.length} epochs, stopped by ${run.stoppedBy}`,
  );
  console.log(
    `training ${run.trainSeconds.toFixed(1)} s (decode + epochs + scoring the validation stills); whole job ${run.jobSeconds.toFixed(1)} s, ` +
      `import before it ${run.importSeconds.toFixed(1)} s (file-name groups: ${run.groupPattern ?? 'none'})`,
  );
  console.log(
    `validation accuracy by epoch: ${run.history.map((e) => (100 * e.valAccuracy).toFixed(0)).join(' ')} (%)`,
  );
}
