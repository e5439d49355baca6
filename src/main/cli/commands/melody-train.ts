/**
 * `motif melody train`: train the melody LSTM on a corpus as a job, with epoch, loss, accuracy and
 * ETA on the bar, then the held-out comparison with the n-gram baseline.
 */
import { MotifError } from '../../../shared/errors';
import type { JobProgress, JobRecord } from '../../../shared/jobs';
import type { MelodyCorpus, MelodyCorpusSummary } from '../../../shared/melody';
import type { ModelVersion } from '../../../shared/models';
import type { Engine } from '../../engine/engine';
import type { CliContext } from '../context';
import { formatBytes, plural } from '../format';
import { corpusFromSources, type CorpusSource } from './melody-args';
import { duration, fixed, ngramLabel, ngramScores, numberAt, percent, ratio, stringAt } from './melody-format';
import { call, followJob, unfinished } from './melody-job';

export interface MelodyTrainCliOptions {
  corpus?: CorpusSource[];
  epochs?: number;
  maxMinutes?: number;
  name?: string;
  hidden?: number[];
  seed?: number;
  /** false with --no-resume. */
  resume?: boolean;
}

/** The bar shows loss and accuracy (the message already names the epoch and batch). */
export function trainingMetrics(progress: JobProgress): Record<string, number> | undefined {
  const m = progress.metrics;
  if (!m) return undefined;
  const loss = m.loss ?? m.epochLoss;
  const accuracy = m.accuracy ?? m.epochAccuracy;
  const shown: Record<string, number> = {};
  if (loss !== undefined) shown.loss = loss;
  if (accuracy !== undefined) shown.accuracy = accuracy;
  return Object.keys(shown).length > 0 ? shown : undefined;
}

/** What a corpus selection resolves to; refuses an empty one before a job starts. */
export async function checkCorpus(
  context: CliContext,
  engine: Engine,
  corpus: MelodyCorpus,
): Promise<MelodyCorpusSummary> {
  const summary = await call(engine, 'melody.corpus', { corpus });
  const where = corpus.paths || corpus.tags ? 'that corpus' : 'the library';
  if (summary.files === 0) {
    throw new MotifError(
      'invalid-input',
      `There are no MIDI files in ${where}. Import some with \`motif melody import DIR\` or give --corpus DIR.`,
    );
  }
  if (!context.json) {
    context.log(
      `Corpus: ${plural(summary.files, 'MIDI file')} (${formatBytes(summary.bytes)}), ${summary.heldOut} held out for evaluation` +
        (summary.missing > 0 ? `; ${summary.missing} missing files left out` : ''),
    );
  }
  return summary;
}

/** The closing summary of a finished training job (and the model version it made). */
export function describeTraining(job: JobRecord, model: ModelVersion | null): string {
  const r = job.result;
  const resumed = model?.params.resumed === true;
  const best = ngramScores(r)[0];
  const stoppedBy = stringAt(r, 'stoppedBy');
  const epochs = numberAt(r, 'epochs');
  const lines = [
    `Model version #${numberAt(r, 'modelVersionId') ?? '?'}: ${epochs === null ? '? epochs' : plural(epochs, 'epoch')} in ` +
      `${duration(numberAt(r, 'trainingSeconds'))} on ${stringAt(r, 'backend') ?? '?'}` +
      (stoppedBy === 'budget' ? ' (stopped by the --max-minutes budget)' : '') +
      (resumed ? " (resumed from this run's checkpoint; --no-resume starts afresh)" : ''),
    `Held-out LSTM perplexity  ${fixed(numberAt(r, 'lstmPerplexity'))}  ` +
      `(accuracy ${percent(numberAt(r, 'accuracy'))}, event accuracy ${percent(numberAt(r, 'eventAccuracy'))})`,
    `Best n-gram perplexity    ${fixed(numberAt(r, 'ngramPerplexity'))}` + (best ? `  (${ngramLabel(best)})` : ''),
    `Ratio LSTM / n-gram       ${ratio(numberAt(r, 'perplexityRatio'))}`,
    `Verdict: the LSTM ${stringAt(r, 'verdict') ?? '(none reported)'}`,
  ];
  return lines.join('\n');
}

export async function melodyTrain(context: CliContext, options: MelodyTrainCliOptions): Promise<void> {
  const engine = context.openEngine();
  try {
    const corpus = corpusFromSources(options.corpus ?? []);
    const summary = await checkCorpus(context, engine, corpus);
    const job = await call(engine, 'melody.train', {
      corpus,
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      ...(options.maxMinutes !== undefined ? { maxMinutes: options.maxMinutes } : {}),
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.hidden !== undefined ? { hiddenSizes: options.hidden } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      resume: options.resume ?? true,
    });
    if (!context.json)
      context.log(`Training job #${job.id} in the worker (Ctrl+C cancels; the last epoch's checkpoint is kept)…`);
    const finished = await followJob(context, engine, job, { what: 'the training', metrics: trainingMetrics });
    const modelId = numberAt(finished.result, 'modelVersionId');
    const model = modelId !== null ? engine.catalogue.models.get(modelId) : null;
    context.output({ job: finished, model, corpus: summary }, () =>
      finished.state === 'done' ? describeTraining(finished, model) : unfinished('Training', finished),
    );
  } finally {
    engine.close();
  }
}
