/**
 * A finished `library-import` job, as the Library shows it: the engine's per-file report comes
 * back as the job's result, which crosses the API as an untyped record, so it is checked here.
 */
import type { ImportReport } from '../../../shared/catalogue';
import type { JobRecord, JobState } from '../../../shared/jobs';

export interface FinishedImport {
  jobId: number;
  state: Extract<JobState, 'done' | 'failed' | 'cancelled'>;
  /** Null when the job failed before reporting, or reported something unreadable. */
  report: ImportReport | null;
  error: string | null;
  finishedAt: string | null;
}

const COUNTS = ['seen', 'imported', 'updated', 'unchanged', 'relinked', 'missing', 'skippedCount'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function parseImportReport(value: unknown): ImportReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (!COUNTS.every((key) => isCount(record[key]))) return null;
  const folders = Array.isArray(record.folders) ? record.folders.filter((f) => typeof f === 'string') : [];
  const skipped = Array.isArray(record.skipped)
    ? record.skipped.flatMap((entry: unknown) => {
        if (typeof entry !== 'object' || entry === null) return [];
        const { path, reason } = entry as Record<string, unknown>;
        return typeof path === 'string' && typeof reason === 'string' ? [{ path, reason }] : [];
      })
    : [];
  return {
    folders,
    seen: record.seen as number,
    imported: record.imported as number,
    updated: record.updated as number,
    unchanged: record.unchanged as number,
    relinked: record.relinked as number,
    missing: record.missing as number,
    skipped,
    skippedCount: record.skippedCount as number,
  };
}

export function finishedImport(job: JobRecord): FinishedImport | null {
  if (job.kind !== 'library-import') return null;
  if (job.state !== 'done' && job.state !== 'failed' && job.state !== 'cancelled') return null;
  return {
    jobId: job.id,
    state: job.state,
    report: parseImportReport(job.result),
    error: job.error,
    finishedAt: job.finishedAt,
  };
}

/** Skips grouped by reason, most frequent first, for a compact summary. */
export function skipReasons(report: ImportReport): Array<{ reason: string; count: number }> {
  const counts = new Map<string, number>();
  for (const { reason } of report.skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}
