/**
 * `motif melody eval`: score a melody model version on held-out files against every n-gram
 * baseline, as a `melody-eval` job, and print the comparison.
 */
import type { JobRecord } from '../../../shared/jobs';
import type { ModelVersion } from '../../../shared/models';
import type { CliContext } from '../context';
import { plural, table } from '../format';
import { corpusFromSources, type CorpusSource } from './melody-args';
import { fixed, ngramLabel, ngramScoreAt, ngramScores, numberAt, percent, ratio, stringAt } from './melody-format';
import { call, followJob, unfinished } from './melody-job';
import { resolveMelodyModel } from './melody-models';
import { checkCorpus } from './melody-train';

export interface MelodyEvalCliOptions {
  model?: number;
  corpus?: CorpusSource[];
}

/** The comparison table of a finished evaluation job. */
export function describeEvaluation(model: ModelVersion, job: JobRecord): string {
  const r = job.result;
  const heldOutFiles = numberAt(r, 'heldOutFiles');
  const rows = [
    ['MODEL', 'PERPLEXITY', 'ACCURACY', 'EVENT ACCURACY'],
    [
      `LSTM #${model.id}`,
      fixed(numberAt(r, 'lstmPerplexity')),
      percent(numberAt(r, 'accuracy')),
      percent(numberAt(r, 'eventAccuracy')),
    ],
    ...ngramScores(r).map((n) => [ngramLabel(n), fixed(n.perplexity), '—', '—']),
  ];
  const position = ngramScoreAt(r, 'positionNgram');
  if (position) rows.push([ngramLabel(position, 'position-aware '), fixed(position.perplexity), '—', '—']);
  return [
    `Model #${model.id} "${model.name}"` +
      (heldOutFiles !== null ? ` on ${plural(heldOutFiles, 'held-out file')}` : ''),
    table(rows),
    `Ratio LSTM / best n-gram: ${ratio(numberAt(r, 'perplexityRatio'))}`,
    `Verdict: the LSTM ${stringAt(r, 'verdict') ?? '(none reported)'}`,
  ].join('\n');
}

export async function melodyEval(context: CliContext, options: MelodyEvalCliOptions): Promise<void> {
  const engine = context.openEngine();
  try {
    const model = await resolveMelodyModel(engine, options.model);
    const sources = options.corpus ?? [];
    const corpus = sources.length > 0 ? corpusFromSources(sources) : undefined;
    if (corpus) await checkCorpus(context, engine, corpus);
    const job = await call(engine, 'melody.evaluate', { modelId: model.id, ...(corpus ? { corpus } : {}) });
    if (!context.json) {
      context.log(
        `Evaluating model #${model.id} "${model.name}"${corpus ? '' : ' on the files it was trained on (its held-out split)'} (job #${job.id})…`,
      );
    }
    const finished = await followJob(context, engine, job, { what: 'the evaluation' });
    context.output({ job: finished, model }, () =>
      finished.state === 'done' ? describeEvaluation(model, finished) : unfinished('Evaluation', finished),
    );
  } finally {
    engine.close();
  }
}
