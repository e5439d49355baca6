/**
 * The `melody-train` job: corpus -> melodies -> held-out split by file -> n-gram baselines ->
 * LSTM training (live loss/accuracy, ETA, cancel, time budget, a checkpoint every epoch, resume)
 * -> held-out evaluation -> a model version with its data hash, hyper-parameters and metrics.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { MotifError } from '../../../../shared/errors';
import type { JobOutcome } from '../../jobs/protocol';
import type { JobContext } from '../../worker/context';
import { etaSeconds } from '../../worker/progress';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { corpusDataHash, loadCorpus, sha256 } from './corpus';
import type { EncodedMelody } from './dataset';
import { evaluateLstm, perplexityVerdict } from './evaluate';
import { SequenceIndex } from './memorisation';
import { fitBaselines, splitHeldOut } from './held-out';
import { resolveTrainParams } from './params';
import { createMelodyNet, saveMelodyModel, type MelodyModelSpec } from './store';
import { initialTrainingState, trainLoop, type StopReason } from './train';
import { FIRST_PITCH_CLASS, vocabularySize } from './vocabulary';

export const MELODY_MODEL_KIND = 'melody-lstm';
export const MELODY_TRAIN_JOB_KIND = 'melody-train';

/** Folder (relative to the data directory) of the checkpoint of a run. */
export function checkpointFolder(runKey: string): string {
  return path.join('melody', 'checkpoints', runKey);
}

const round = (x: number, digits = 4): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export async function runMelodyTrain(rawParams: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  let params;
  try {
    params = resolveTrainParams(rawParams);
  } catch (error) {
    throw new MotifError(
      'invalid-input',
      `melody-train parameters: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { extraction, split, settings } = params;
  const jobStarted = performance.now();
  // Batch counts per epoch vary by a window or so with the random offsets: keep fractions monotonic.
  let highest = 0;
  const monotonic = (fraction: number): number => (highest = Math.max(highest, Math.min(1, fraction)));
  const budgetMs = params.maxMinutes !== null ? params.maxMinutes * 60_000 : Infinity;
  const cancelled = (): never => {
    throw new MotifError('cancelled', 'Melody training was cancelled.');
  };

  // 1. Corpus (0-5%).
  context.progress({ fraction: 0, stage: 'loading', message: `Reading ${params.files.length} MIDI files` });
  const corpus = await loadCorpus(params.files, extraction, {
    signal: context.signal,
    onProgress: (done, total) =>
      context.progress({
        fraction: 0.05 * (done / total),
        stage: 'loading',
        message: `Read ${done} of ${total} files`,
      }),
  });
  if (context.signal.aborted) cancelled();
  const range = extraction.range;
  const { usable, noMelody: noMelodyFiles, trainFiles, heldOutFiles, train, heldOut } = splitHeldOut(params.files, corpus, split, range);
  // Files that parse but hold no melody long or varied enough are reported too, never dropped silently.
  const noMelody = noMelodyFiles.map((f) => ({
    path: f.path,
    reason: `no melody of at least ${extraction.minBars} bars with ${extraction.minUniquePitches} different pitches (drums are ignored)`,
  }));
  const skipped = [...corpus.skipped, ...noMelody];
  const dataHash = corpusDataHash(usable, extraction, split);
  const vocab = vocabularySize(range);
  const steps = (ms: EncodedMelody[]): number => ms.reduce((s, m) => s + m.tokens.length, 0);

  // 2. n-gram baselines on the same split and events (5-8%).
  context.progress({
    fraction: 0.05,
    stage: 'baseline',
    message: `Fitting n-gram baselines (n up to ${params.ngramOrder})`,
  });
  const { ngrams, best: bestNgram, positionNgram } = fitBaselines(train, heldOut, range, params.ngramOrder);
  if (context.signal.aborted) cancelled();

  // 3. Model, optimizer, checkpoint.
  const { tf, info } = await context.ml();
  const spec: MelodyModelSpec = {
    range,
    stepsPerQuarter: extraction.stepsPerQuarter,
    positionFeatures: settings.positionFeatures,
    hiddenSizes: settings.hiddenSizes,
    extraction,
  };
  const { epochs: _epochs, ...runSettings } = settings;
  const runKey = sha256(JSON.stringify({ dataHash, runSettings })).slice(0, 20);
  const checkpointDir = path.join(context.dataDir, checkpointFolder(runKey));
  const tensorsBefore = tf.memory().numTensors;
  const net = createMelodyNet(tf, spec, settings.seed);
  const optimizer = tf.train.adam(settings.learningRate);
  try {
    let state = initialTrainingState(runKey);
    let resumed = false;
    if (params.resume) {
      const restored = await loadCheckpoint(tf, checkpointDir, runKey, net, optimizer);
      if (restored && restored.epoch >= settings.epochs) {
        throw new MotifError(
          'conflict',
          `This corpus with these settings is already trained for ${restored.epoch} epoch${restored.epoch === 1 ? '' : 's'} (checkpoint ${checkpointFolder(runKey)}). Ask for more epochs to continue training, or train afresh (resume off).`,
        );
      }
      if (restored) {
        state = restored;
        resumed = true;
      }
    }
    const trainSteps = steps(train);
    const heldOutSteps = steps(heldOut);
    context.progress({
      fraction: 0.08,
      stage: 'training',
      message: resumed
        ? `Resuming at epoch ${state.epoch + 1}, batch ${state.batch + 1}`
        : `Training ${settings.hiddenSizes.join('x')} LSTM on ${train.length} melodies (${trainSteps} steps)`,
      metrics: { epoch: state.epoch },
    });

    // 4. Training (8-92%).
    const trainingStarted = performance.now();
    let stepsPerSecond = 0;
    let sessionFirstBatch: number | null = null;
    const reserveMs = (): number => {
      // Held-out evaluation runs forward only (about 3x faster than a training step) + index + save.
      const evalMs = stepsPerSecond > 0 ? (heldOutSteps / (3 * stepsPerSecond)) * 1000 : 30_000;
      return Math.max(10_000, 1.5 * evalMs + 5_000);
    };
    const { stoppedBy, batchesPerEpoch } = await trainLoop(net, optimizer, train, range, settings, state, {
      onBatch: (p) => {
        stepsPerSecond = p.samplesPerSecond * settings.sequenceLength;
        const trainFraction = Math.min(1, p.done / Math.max(1, p.total));
        sessionFirstBatch ??= p.done - 1;
        const sessionFraction = (p.done - sessionFirstBatch) / Math.max(1, p.total - sessionFirstBatch);
        let eta = etaSeconds(performance.now() - trainingStarted, Math.min(0.999, sessionFraction));
        if (Number.isFinite(budgetMs)) {
          const left = Math.max(0, (budgetMs - (performance.now() - jobStarted)) / 1000);
          eta = eta === undefined ? Math.round(left) : Math.min(eta, Math.round(left));
        }
        context.progress({
          fraction: monotonic(0.08 + 0.84 * trainFraction),
          stage: 'training',
          message: `Epoch ${p.epoch + 1} of ${p.epochs}, batch ${p.batch} of ${p.batches}`,
          metrics: {
            epoch: p.epoch + 1,
            batch: p.batch,
            batches: p.batches,
            loss: round(p.loss),
            accuracy: round(p.accuracy),
            samplesPerSecond: round(p.samplesPerSecond, 1),
          },
          ...(eta !== undefined ? { etaSeconds: eta } : {}),
        });
      },
      onEpoch: async (record, s) => {
        context.progress({
          fraction: monotonic(0.08 + 0.84 * Math.min(1, s.epoch / settings.epochs)),
          stage: 'epoch',
          message: `Epoch ${record.epoch + 1}: loss ${record.loss.toFixed(3)}, accuracy ${(100 * record.accuracy).toFixed(1)}%`,
          metrics: {
            epoch: record.epoch + 1,
            epochLoss: round(record.loss),
            epochAccuracy: round(record.accuracy),
            epochEventAccuracy: round(record.eventAccuracy),
          },
        });
        await saveCheckpoint(checkpointDir, spec, net, optimizer, s);
      },
      shouldStop: (): StopReason | null => {
        if (context.signal.aborted) return 'cancelled';
        if (performance.now() - jobStarted + reserveMs() >= budgetMs) return 'budget';
        return null;
      },
    });
    if (stoppedBy !== null) await saveCheckpoint(checkpointDir, spec, net, optimizer, state);
    if (stoppedBy === 'cancelled') cancelled();
    const epochsDone = state.epoch + state.batch / Math.max(1, batchesPerEpoch);

    // 5. Held-out evaluation (92-98%).
    context.progress({
      fraction: monotonic(0.92),
      stage: 'evaluating',
      message: `Evaluating on ${heldOutFiles.length} held-out files`,
    });
    const lstm = evaluateLstm(net, heldOut, settings.positionFeatures > 0, {
      onProgress: (f) => {
        context.progress({
          fraction: monotonic(0.92 + 0.06 * f),
          stage: 'evaluating',
          message: `Evaluating held-out melodies (${Math.round(100 * f)}%)`,
        });
        return context.signal.aborted;
      },
    });
    if (context.signal.aborted) cancelled();

    // 6. Memorisation index and the model version (98-100%).
    context.progress({
      fraction: 0.98,
      stage: 'saving',
      message: 'Indexing the training melodies and saving the model',
    });
    const index = SequenceIndex.build(train.map((m) => m.tokens));
    const folder = path.join('models', `melody-lstm-${context.jobId}-${Date.now()}`);
    const ratio = lstm.perplexity / bestNgram.perplexity;
    const metrics: Record<string, number> = {
      lstmPerplexity: round(lstm.perplexity),
      lstmCrossEntropy: round(lstm.crossEntropy),
      accuracy: round(lstm.accuracy),
      eventAccuracy: round(lstm.eventAccuracy),
      ngramPerplexity: round(bestNgram.perplexity),
      ngramOrder: bestNgram.order,
      perplexityRatio: round(ratio),
      beatsNgram: lstm.perplexity < bestNgram.perplexity ? 1 : 0,
      epochs: round(epochsDone, 3),
      trainingSeconds: round(state.trainingMs / 1000, 1),
      samplesPerSecond: round(state.trainingMs > 0 ? state.samples / (state.trainingMs / 1000) : 0, 1),
      trainFiles: trainFiles.length,
      heldOutFiles: heldOutFiles.length,
      skippedFiles: skipped.length,
      unreadableFiles: corpus.skipped.length,
      noMelodyFiles: noMelody.length,
      trainMelodies: train.length,
      trainSteps,
      heldOutSteps,
      heldOutEvents: lstm.count,
      parameters: net.parameterCount(),
      vocabulary: vocab,
    };
    for (const n of ngrams)
      metrics[`ngram${n.smoothing === 'witten-bell' ? 'WB' : 'KN'}${n.order}Perplexity`] = round(n.perplexity);
    if (positionNgram) {
      metrics.positionNgramPerplexity = round(positionNgram.perplexity);
      metrics.positionNgramOrder = positionNgram.order;
      metrics.beatsPositionNgram = lstm.perplexity < positionNgram.perplexity ? 1 : 0;
    }
    const last = state.history[state.history.length - 1];
    if (last) {
      metrics.finalTrainLoss = round(last.loss);
      metrics.finalTrainAccuracy = round(last.accuracy);
    }
    const hyper = {
      ...settings,
      stepsPerQuarter: extraction.stepsPerQuarter,
      minPitch: range.minPitch,
      maxPitch: range.maxPitch,
      minBars: extraction.minBars,
      minUniquePitches: extraction.minUniquePitches,
      gapBars: extraction.gapBars,
      heldOutEvery: split.every,
      heldOutOffset: split.offset,
      ngramSmoothing: bestNgram.smoothing,
      backend: info.active,
      maxMinutes: params.maxMinutes,
      stoppedBy,
      resumed,
    };
    await saveMelodyModel(path.join(context.dataDir, folder), spec, net, index, {
      metrics,
      params: hyper,
      dataHash,
      history: state.history,
      ngrams,
      positionNgram,
      firstPitchClass: FIRST_PITCH_CLASS,
    });
    // The corpus as given (so `melody eval` can rebuild the same split later).
    await fs.writeFile(
      path.join(context.dataDir, folder, 'corpus.json'),
      JSON.stringify({ files: params.files, heldOutEvery: split.every, heldOutOffset: split.offset }),
    );
    const verdict = perplexityVerdict(lstm.perplexity, bestNgram, positionNgram);
    context.progress({
      fraction: 1,
      stage: 'done',
      message: `Held-out perplexity ${lstm.perplexity.toFixed(3)}: ${verdict}`,
      metrics: { lstmPerplexity: round(lstm.perplexity), ngramPerplexity: round(bestNgram.perplexity) },
    });
    return {
      summary: {
        ...metrics,
        verdict,
        stoppedBy,
        backend: info.active,
        checkpoint: checkpointFolder(runKey),
        skipped: skipped.slice(0, 50),
        history: state.history,
        ngrams,
        positionNgram,
      },
      model: {
        kind: MELODY_MODEL_KIND,
        name: params.name ?? `Melody LSTM ${settings.hiddenSizes.join('x')} #${context.jobId}`,
        params: hyper,
        dataHash,
        metrics,
        path: folder,
      },
    };
  } finally {
    net.dispose();
    optimizer.dispose();
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked > 0) console.warn(`[melody-train] ${leaked} tensors were not disposed`);
  }
}
