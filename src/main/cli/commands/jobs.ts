import { JOB_KIND_LABELS, type JobRecord, type JobState } from '../../../shared/jobs';
import type { CliContext } from '../context';
import { table } from '../format';

function describe(job: JobRecord): string {
  if (job.state === 'failed') return job.error ?? '';
  if (job.state === 'running' && job.progress) return `${Math.round(job.progress.fraction * 100)}% ${job.progress.message}`;
  if (job.state === 'done' && job.result && typeof job.result.finalLoss === 'number') return `final loss ${job.result.finalLoss.toFixed(4)}`;
  return '';
}

export function jobs(context: CliContext, options: { limit?: number; state?: JobState }): void {
  const engine = context.openEngine();
  try {
    const list = engine.catalogue.jobs.list({ limit: options.limit ?? 20, state: options.state });
    context.output(list, () =>
      list.length === 0
        ? 'No jobs yet. Try `motif doctor --self-test`.'
        : table([
            ['ID', 'KIND', 'STATE', 'CREATED', 'DETAIL'],
            ...list.map((job) => [String(job.id), JOB_KIND_LABELS[job.kind] ?? job.kind, job.state, job.createdAt.replace('T', ' ').slice(0, 19), describe(job)]),
          ]),
    );
  } finally {
    engine.close();
  }
}
