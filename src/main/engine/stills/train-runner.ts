/**
 * The `stills-train` job: dataset → embeddings (cached ones reused; transfer only) → stratified,
 * grouped validation split → the head (or the from-scratch CNN) → evaluation on the held-out
 * stills beside a linear probe and the baselines → out-of-fold predictions for the relabel queue
 * → a model folder and a model version.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import { stillsTrainOptionsSchema, type StillsEpoch, type StillsTrainParams } from '../../../shared/stills';
import { Catalogue } from '../catalogue/catalogue';
import type { JobOutcome } from '../jobs/protocol';
import type { Tf } from '../ml/runtime';
import { CATALOGUE_FILE } from '../paths';
import type { JobContext } from '../worker/context';
import { etaSeconds } from '../worker/progress';
import { EMBEDDING_LAYER, backboneId, loadBackbone } from './backbone';
import type { StillsModelManifest } from './classifier';
import { embedImages } from './embed';
import { evaluateStills } from './metrics';
import { saveStillsModel, type StoredPrediction } from './model-store';
import { defaultModelName } from './model-summary';
import { INPUT_SIZE } from './preprocess';
import { splitStills } from './split';
import { backboneFolder, trainableClasses } from './train-checks';
import { trainStillsHead, trainStillsScratch, type TrainedStills, type TrainSample } from './train-steps';

export const STILLS_TRAIN_JOB_KIND = 'stills-train';

const round = (x: number, digits = 4): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export function readTrainParams(raw: Record<string, unknown>): StillsTrainParams {
  const parsed = stillsTrainOptionsSchema.safeParse(raw);
  if (!parsed.success)
    throw new MotifError(
      'invalid-input',
      `stills-train parameters: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

type Sample = TrainSample;

export async function runStillsTrain(raw: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const params = readTrainParams(raw);
  const started = performance.now();
  const deadline = params.maxMinutes !== undefined ? started + params.maxMinutes * 60_000 : undefined;
  let highest = 0;
  const progress = (p: Parameters<JobContext['progress']>[0]): void => {
    highest = Math.max(highest, Math.min(1, p.fraction));
    context.progress({ ...p, fraction: highest });
  };
  const cancelled = (): never => {
    throw new MotifError('cancelled', 'Stills training was cancelled.');
  };
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  try {
    progress({ fraction: 0, stage: 'loading', message: 'Reading the dataset' });
    const dataset = catalogue.stills.get(params.datasetId);
    if (!dataset) throw new MotifError('not-found', `There is no stills dataset ${params.datasetId}.`);
    const members = catalogue.stills.members(dataset.id).filter((m) => m.path !== null && m.contentHash !== null);
    const transfer = params.architecture === 'transfer';
    const skipped: Array<{ path: string; reason: string }> = [];

    // 1. Embeddings (transfer): reuse the cache, embed the rest (0-45%).
    let vectors = new Map<string, Float32Array>();
    let backboneInfo: { id: string; folder: string; dimension: number } | null = null;
    let embedded = 0;
    if (transfer) {
      const folder = backboneFolder(context.dataDir, params.backbonePath);
      const id = backboneId(folder);
      const key = { backboneId: id, aspect: params.aspect };
      const hashes = members.map((m) => m.contentHash as string);
      vectors = catalogue.embeddings.getMany(hashes, key);
      const missing = members.filter((m) => !vectors.has(m.contentHash as string));
      let dimension = vectors.values().next().value?.length ?? 0;
      if (missing.length > 0) {
        progress({
          fraction: 0.02,
          stage: 'embedding',
          message: `Loading the backbone to embed ${missing.length} stills`,
        });
        const { tf } = await context.ml();
        const backbone = await loadBackbone(tf, folder);
        const embedStarted = performance.now();
        try {
          dimension = backbone.dimension;
          const result = await embedImages({
            backbone,
            repo: catalogue.embeddings,
            targets: missing.map((m) => ({ path: m.path as string, contentHash: m.contentHash as string })),
            aspect: params.aspect,
            signal: context.signal,
            onProgress: (p) =>
              progress({
                fraction: 0.02 + 0.43 * (p.total === 0 ? 1 : p.done / p.total),
                stage: 'embedding',
                message: `Embedded ${p.done} of ${p.total} stills`,
                metrics: { embedded: p.embedded, failed: p.failed },
                etaSeconds:
                  p.embedded > 0
                    ? etaSeconds(performance.now() - embedStarted, p.done / Math.max(1, p.total))
                    : undefined,
              }),
          });
          embedded = result.embedded;
          skipped.push(...result.failed);
        } finally {
          backbone.dispose();
        }
        vectors = catalogue.embeddings.getMany(hashes, key);
      }
      backboneInfo = { id, folder, dimension };
    }
    if (context.signal.aborted) cancelled();
    const usable = transfer ? members.filter((m) => vectors.has(m.contentHash as string)) : members;
    const counts = new Map<string, number>();
    for (const m of usable) counts.set(m.label, (counts.get(m.label) ?? 0) + 1);
    const classes = trainableClasses([...counts].map(([label, count]) => ({ label, count })));
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const samples: Sample[] = usable.flatMap((member) => {
      const label = classIndex.get(member.label);
      return label === undefined ? [] : [{ member, label }];
    });
    const leftOut = usable.length - samples.length;

    // 2. Split.
    const split = splitStills(
      samples.map((s) => ({ label: s.member.label, group: s.member.groupKey })),
      params.validationFraction,
      params.seed,
    );
    const trainSamples = split.train.map((i) => samples[i] as Sample);
    const validationSamples = split.validation.map((i) => samples[i] as Sample);
    if (validationSamples.length === 0)
      throw new MotifError('invalid-input', 'No stills could be held out for validation; add more stills or groups.');
    const classOrder = dataset.classOrder ? dataset.classOrder.filter((c) => classIndex.has(c)) : null;
    const order = classOrder && classOrder.length === classes.length ? classOrder : null;

    // 3. Training (45-85%), 4. evaluation and out-of-fold predictions (85-97%).
    const { tf, info } = await context.ml();
    const tensorsBefore = tf.memory().numTensors;
    const onEpoch = (epoch: StillsEpoch, fraction: number): void =>
      progress({
        fraction: 0.45 + 0.4 * fraction,
        stage: 'training',
        message: `Epoch ${epoch.epoch}: accuracy ${(100 * epoch.accuracy).toFixed(1)}%, validation ${(100 * epoch.valAccuracy).toFixed(1)}%`,
        metrics: {
          epoch: epoch.epoch,
          loss: round(epoch.loss),
          accuracy: round(epoch.accuracy),
          valLoss: round(epoch.valLoss),
          valAccuracy: round(epoch.valAccuracy),
        },
      });
    const onEvaluating = (message: string, fraction: number): void =>
      progress({ fraction: 0.85 + 0.12 * fraction, stage: 'evaluating', message });
    progress({
      fraction: 0.45,
      stage: 'training',
      message: `Training on ${trainSamples.length} stills, validating on ${validationSamples.length}`,
    });
    const trainingStarted = performance.now();
    const common = {
      tf,
      params,
      classes,
      trainSamples,
      validationSamples,
      deadline,
      signal: context.signal,
      onEpoch,
      onEvaluating,
    };
    let trained: TrainedStills;
    try {
      trained = transfer
        ? await trainStillsHead({ ...common, vectors, dimension: backboneInfo?.dimension ?? 0 })
        : await trainStillsScratch(common);
    } catch (error) {
      if (context.signal.aborted) cancelled();
      throw error;
    }
    skipped.push(...trained.skipped);
    try {
      if (context.signal.aborted) cancelled();
      const trainSeconds = (performance.now() - trainingStarted) / 1000;
      const evaluation = evaluateStills({
        classes,
        order,
        truth: validationSamples.map((s) => s.label),
        probabilities: trained.validationProbabilities,
        trainTruth: trainSamples.map((s) => s.label),
        splitBy: split.splitBy,
      });

      // 5. Save (97-100%).
      progress({ fraction: 0.97, stage: 'saving', message: 'Saving the model' });
      const dataHash = createHash('sha256')
        .update(
          JSON.stringify({
            items: samples.map((s) => [s.member.contentHash, s.member.label]).sort(),
            options: { ...params, backbonePath: undefined, name: undefined, maxMinutes: undefined },
            backbone: backboneInfo?.id ?? null,
          }),
        )
        .digest('hex');
      const metrics: Record<string, number> = {
        accuracy: round(evaluation.accuracy),
        macroF1: round(evaluation.macroF1),
        ...(evaluation.withinOne !== null ? { withinOne: round(evaluation.withinOne) } : {}),
        ...(trained.linearProbeAccuracy !== null ? { linearProbeAccuracy: round(trained.linearProbeAccuracy) } : {}),
        majorityBaseline: round(evaluation.baselines.majority),
        chance: round(evaluation.baselines.chance),
        ece: round(evaluation.calibration.ece),
        brier: round(evaluation.calibration.brier),
        trainSeconds: round(trainSeconds, 2),
        epochs: trained.history.length,
        trainCount: trainSamples.length,
        validationCount: validationSamples.length,
        classes: classes.length,
        embedded,
        skipped: skipped.length,
      };
      const createdAt = new Date().toISOString();
      const name = params.name ?? defaultModelName(catalogue.models.list('stills-classifier'), dataset, transfer);
      const manifest: StillsModelManifest = {
        format: 'motif-stills-classifier',
        formatVersion: 1,
        architecture: params.architecture,
        classes,
        classOrder: order,
        aspect: params.aspect,
        backbone: backboneInfo
          ? {
              id: backboneInfo.id,
              layer: EMBEDDING_LAYER,
              pooling: 'gap',
              inputSize: INPUT_SIZE,
              dimension: backboneInfo.dimension,
            }
          : null,
        normalization: trained.normalization,
        input: trained.inputSize !== null ? { size: trained.inputSize, range: [-1, 1] } : null,
        metrics,
        createdAt,
        dataHash,
        source: {
          app: 'Motif',
          dataset: dataset.name,
          datasetId: dataset.id,
          seed: params.seed,
          validationFraction: params.validationFraction,
          augment: params.augment,
        },
      };
      const predictions: StoredPrediction[] = [
        ...validationSamples.map((s, i) => ({
          itemId: s.member.itemId,
          split: 'validation' as const,
          probabilities: [...(trained.validationProbabilities[i] as Float32Array)],
        })),
        ...trainSamples.flatMap((s, i) => {
          const p = trained.trainProbabilities?.[i];
          return p ? [{ itemId: s.member.itemId, split: 'train' as const, probabilities: [...p] }] : [];
        }),
      ];
      const folder = await saveStillsModel(context.dataDir, trained.model, {
        manifest,
        history: trained.history,
        evaluation,
        predictions: { classes, items: predictions },
      });
      const modelParams = {
        datasetId: dataset.id,
        architecture: params.architecture,
        aspect: params.aspect,
        backboneId: backboneInfo?.id ?? null,
        ...(params.backbonePath !== undefined ? { backbonePath: params.backbonePath } : {}),
        classes,
        classOrder: order,
        origin: 'trained',
        epochs: trained.history.length,
        validationFraction: params.validationFraction,
        augment: params.augment,
        seed: params.seed,
        maxMinutes: params.maxMinutes ?? null,
        stoppedBy: trained.stoppedBy,
        backend: info.active,
        trainedAt: createdAt,
      };
      progress({
        fraction: 1,
        stage: 'done',
        message: `Validation accuracy ${(100 * evaluation.accuracy).toFixed(1)}% (majority class ${(100 * evaluation.baselines.majority).toFixed(1)}%)`,
        metrics: { accuracy: metrics.accuracy ?? 0, macroF1: metrics.macroF1 ?? 0 },
      });
      return {
        summary: {
          ...metrics,
          datasetId: dataset.id,
          architecture: params.architecture,
          stoppedBy: trained.stoppedBy,
          splitBy: split.splitBy,
          leftOut,
          skippedFiles: skipped.slice(0, 50),
          history: trained.history,
        },
        model: { kind: 'stills-classifier', name, params: modelParams, dataHash, metrics, path: folder },
        changed: ['models'],
      };
    } finally {
      disposeModel(tf, trained.model, tensorsBefore);
    }
  } finally {
    catalogue.close();
  }
}

function disposeModel(tf: Tf, model: LayersModel, before: number): void {
  model.dispose();
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0) console.warn(`[stills-train] ${leaked} tensors were not disposed`);
}
