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
import { DEFAULT_SPLIT } from './dataset';
import { evaluateLstm, perplexityVerdict } from './evaluate';
import { fitBaselines, splitHeldOut } from './held-out';
import { disposeMelodyModel, loadMelodyModel } from './store';

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
    const { trainFiles, heldOutFiles, train, heldOut } = splitHeldOut(params.files, corpus, split, range);

    context.progress({ fraction: 0.4, stage: 'baseline', message: `Fitting n-gram baselines (n up to ${ngramOrder})` });
    const { ngrams, best, positionNgram } = fitBaselines(train, heldOut, range, ngramOrder);
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
