/**
 * What finished stills jobs report, read defensively from `job.result` (a plain record that crossed
 * the worker boundary): the import report and the batch-classification report.
 */
import type { JobRecord } from '../../../shared/jobs';
import type { StillsClassifyReport, StillsImportReport, StillsSkipProblem } from '../../../shared/stills';

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const PROBLEMS: readonly StillsSkipProblem[] = [
  'empty',
  'corrupt',
  'unsupported',
  'unreadable',
  'outside-class-folder',
];

function classCounts(value: unknown): Array<{ label: string; count: number }> {
  return list(value)
    .filter(isRecord)
    .map((c) => ({ label: str(c.label), count: num(c.count) }))
    .filter((c) => c.label !== '');
}

/** The import report of a finished `stills-import` job; null while it runs or when it failed. */
export function importReport(
  job: JobRecord | null | undefined,
): (StillsImportReport & { skippedCount: number }) | null {
  if (!job || job.kind !== 'stills-import' || job.state !== 'done' || !isRecord(job.result)) return null;
  const r = job.result;
  const skipped = list(r.skipped)
    .filter(isRecord)
    .map((s) => {
      const problem = PROBLEMS.find((p) => p === s.problem) ?? 'unreadable';
      return { path: str(s.path), problem, reason: str(s.reason) };
    });
  const duplicates = list(r.duplicates)
    .filter(isRecord)
    .map((d) => ({
      contentHash: str(d.contentHash),
      files: list(d.files)
        .filter(isRecord)
        .map((f) => ({ path: str(f.path), label: str(f.label) })),
      crossLabel: d.crossLabel === true,
    }));
  return {
    datasetId: num(r.datasetId),
    name: str(r.name),
    root: str(r.root),
    seen: num(r.seen),
    imported: num(r.imported),
    updated: num(r.updated),
    unchanged: num(r.unchanged),
    removed: num(r.removed),
    skipped,
    duplicates,
    groupPattern: r.groupPattern === 'prefix' || r.groupPattern === 'folder' ? r.groupPattern : null,
    classes: classCounts(r.classes),
    skippedCount: num(r.skippedCount, skipped.length),
  };
}

/** The report of a finished `stills-classify` job; null while it runs or when it failed. */
export function classifyReport(job: JobRecord | null | undefined): StillsClassifyReport | null {
  if (!job || job.kind !== 'stills-classify' || job.state !== 'done' || !isRecord(job.result)) return null;
  const r = job.result;
  return {
    modelId: num(r.modelId),
    seen: num(r.seen),
    classified: num(r.classified),
    unsure: num(r.unsure),
    skipped: list(r.skipped)
      .filter(isRecord)
      .map((s) => ({ path: str(s.path), reason: str(s.reason) })),
    counts: classCounts(r.counts).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}

/** The model version a finished `stills-train` job saved, if any. */
export function trainedModelId(job: JobRecord | null | undefined): number | null {
  if (!job || job.kind !== 'stills-train' || job.state !== 'done' || !isRecord(job.result)) return null;
  const id = job.result.modelVersionId ?? job.result.modelId;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}
