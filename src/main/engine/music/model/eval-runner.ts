/**
 * The `melody-eval` job: score a saved melody model on the held-out files of a corpus (split by
 * file, every 10th in sorted name order by default) and fit the n-gram baselines on the rest of
 * the same corpus, so the comparison is like for like. `motif melody eval` and the studio's
 * Evaluate button run it.
 */
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../../../shared/errors';
import type { JobOutcome } from '../../jobs/protocol';
import type { JobContext } from '../../worker/context';
import { loadCorpus } from './corpus';
import { encodeMelody, splitByFile, DEFAULT_SPLIT, type EncodedMelody } from './dataset';
import { evaluateLstm, perplexityVerdict } from './evaluate';
import { ngramBaselines, positionNgramBaselines } from './ngram';
import { disposeMelodyModel, loadMelodyModel } from './store';
import { vocabularySize } from './vocabulary';

export const melodyEvalParamsSchema = z.strictObject({
  modelId: z.number().int().positive(),
  /** Model folder relative to the data directory. */
  modelPath: z.string().min(1).max(1000),
  files: z.array(z.string().min(1)).min(1).max(200_000),
  heldOutEvery: z.number().int().min(2).max(1000).optional(),
  heldOutOffset: z.number().int().min(0).max(999).optional(),
  ngramOrder: z.number().int().min(1).max(5).optional(),
});

const round = (x: number, digits = 4): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export async function runMelodyEval(rawParams: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const parsed = melodyEvalParamsSchema.safeParse(rawParams);
  if (!parsed.success) throw new MotifError('invalid-input', `melody-eval parameters: ${z.prettifyError(parsed.error)}`);
  const params = parsed.data;
  if (path.isAbsolute(params.modelPath) || params.modelPath.split(/[\\/]/).includes('..'))
    throw new MotifError('invalid-input', 'The model folder must be inside the data directory.');
  const every = params.heldOutEvery ?? DEFAULT_SPLIT.every;
  const split = { every, offset: params.heldOutOffset ?? every - 1 };
  const ngramOrder = params.ngramOrder ?? 5;
  const cancelled = (): never => {
    throw new MotifError('cancelled', 'Melody evaluation was cancelled.');
  };

  const { tf, info } = await context.ml();
  context.progress({ fraction: 0, stage: 'loading', message: 'Loading the model' });
  let model;
  try {
    model = await loadMelodyModel(tf, path.join(context.dataDir, params.modelPath));
  } catch (error) {
    throw new MotifError('not-found', `The model could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const { extraction, range } = { extraction: model.spec.extraction, range: model.spec.range };
    const corpus = await loadCorpus(params.files, extraction, {
      signal: context.signal,
      onProgress: (done, total) =>
        context.progress({ fraction: 0.4 * (done / total), stage: 'loading', message: `Read ${done} of ${total} files` }),
    });
    if (context.signal.aborted) cancelled();
    const heldOutPaths = new Set(splitByFile([...new Set(params.files)], (p) => p, split).heldOut);
    const usable = corpus.files.filter((f) => f.melodies.length > 0);
    const trainFiles = usable.filter((f) => !heldOutPaths.has(f.path));
    const heldOutFiles = usable.filter((f) => heldOutPaths.has(f.path));
    if (heldOutFiles.length === 0 || trainFiles.length === 0)
      throw new MotifError(
        'invalid-input',
        `Need melodies in at least ${split.every} files to hold one out; found them in ${usable.length} of ${params.files.length}.`,
      );
    const encode = (files: typeof usable, offset: number): EncodedMelody[] =>
      files.flatMap((f, i) => f.melodies.map((m) => encodeMelody(m, range, offset + i)));
    const train = encode(trainFiles, 0);
    const heldOut = encode(heldOutFiles, trainFiles.length);
    const vocab = vocabularySize(range);

    context.progress({ fraction: 0.4, stage: 'baseline', message: `Fitting n-gram baselines (n up to ${ngramOrder})` });
    const ngrams = ngramBaselines(
      train.map((m) => m.tokens),
      heldOut.map((m) => m.tokens),
      vocab,
      ngramOrder,
    );
    const positionNgram =
      ngramOrder >= 2
        ? (positionNgramBaselines(
            train.map((m) => m.tokens),
            train.map((m) => m.positions),
            heldOut.map((m) => m.tokens),
            heldOut.map((m) => m.positions),
            vocab,
            ngramOrder,
          )[0] ?? null)
        : null;
    const best = ngrams[0];
    if (!best) throw new MotifError('internal', 'no n-gram baseline was fitted');
    if (context.signal.aborted) cancelled();

    context.progress({ fraction: 0.5, stage: 'evaluating', message: `Evaluating on ${heldOutFiles.length} held-out files` });
    const lstm = evaluateLstm(model.net, heldOut, model.spec.positionFeatures > 0, {
      onProgress: (f) => {
        context.progress({ fraction: 0.5 + 0.5 * f, stage: 'evaluating', message: `Evaluating held-out melodies (${Math.round(100 * f)}%)` });
        return context.signal.aborted;
      },
    });
    if (context.signal.aborted) cancelled();
    const ratio = lstm.perplexity / best.perplexity;
    const verdict = perplexityVerdict(lstm.perplexity, best, positionNgram);
    context.progress({
      fraction: 1,
      stage: 'done',
      message: `Held-out perplexity ${lstm.perplexity.toFixed(3)}: ${verdict}`,
      metrics: { lstmPerplexity: round(lstm.perplexity), ngramPerplexity: round(best.perplexity) },
    });
    return {
      summary: {
        modelId: params.modelId,
        lstmPerplexity: round(lstm.perplexity),
        lstmCrossEntropy: round(lstm.crossEntropy),
        accuracy: round(lstm.accuracy),
        eventAccuracy: round(lstm.eventAccuracy),
        heldOutEvents: lstm.count,
        ngramPerplexity: round(best.perplexity),
        ngramOrder: best.order,
        ngramSmoothing: best.smoothing,
        perplexityRatio: round(ratio),
        beatsNgram: lstm.perplexity < best.perplexity ? 1 : 0,
        positionNgramPerplexity: positionNgram ? round(positionNgram.perplexity) : null,
        verdict,
        trainFiles: trainFiles.length,
        heldOutFiles: heldOutFiles.length,
        skippedFiles: corpus.skipped.length,
        skipped: corpus.skipped.slice(0, 50),
        heldOutEvery: split.every,
        heldOutOffset: split.offset,
        ngrams: ngrams.map((n) => ({ ...n, perplexity: round(n.perplexity), crossEntropy: round(n.crossEntropy) })),
        positionNgram,
        backend: info.active,
      },
    };
  } finally {
    disposeMelodyModel(model);
  }
}
