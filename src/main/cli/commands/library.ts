import path from 'node:path';
import type { ImportReport, MediaKind } from '../../../shared/catalogue';
import type { JobRecord } from '../../../shared/jobs';
import type { Engine } from '../../engine/engine';
import { waitForJob } from '../../engine/jobs/wait';
import type { CliContext } from '../context';
import { formatBytes, table } from '../format';
import { ProgressBar } from '../progress-bar';

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

/** Run a library job to its end with a progress bar; Ctrl+C cancels it (what was imported stays). */
async function runImportJob(context: CliContext, engine: Engine, job: JobRecord): Promise<void> {
  const bar = new ProgressBar();
  const onSignal = (): void => {
    context.log('\nCancelling the import (what was imported so far is kept)…');
    void engine.dispatch('jobs.cancel', { id: job.id });
  };
  process.on('SIGINT', onSignal);
  try {
    const finished = await waitForJob(engine.events, job, (update) => {
      if (!context.json) bar.update(update);
    });
    bar.done();
    const report = finished.result as unknown as ImportReport | null;
    context.output({ job: finished, report }, () => {
      if (finished.state !== 'done' || !report) return `Import ${finished.state}${finished.error ? `: ${finished.error}` : ''}`;
      const lines = [
        `Imported ${report.imported}, updated ${report.updated}, relinked ${report.relinked}, unchanged ${report.unchanged}, ` +
          `newly missing ${report.missing}, skipped ${report.skippedCount}.`,
      ];
      for (const skip of report.skipped.slice(0, 20)) lines.push(`  skipped ${skip.path}: ${skip.reason}`);
      if (report.skippedCount > 20) lines.push(`  … and ${report.skippedCount - 20} more (see --json)`);
      return lines.join('\n');
    });
    if (finished.state === 'cancelled') process.exitCode = 130;
    else if (finished.state !== 'done') process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export async function libraryAdd(context: CliContext, dirs: string[]): Promise<void> {
  const engine = context.openEngine();
  try {
    const job = await call<JobRecord>(engine, 'library.import', { paths: dirs.map((d) => path.resolve(d)) });
    if (!context.json) context.log(`Importing ${dirs.join(', ')} in place (job #${job.id})…`);
    await runImportJob(context, engine, job);
  } finally {
    engine.close();
  }
}

export async function libraryRescan(context: CliContext): Promise<void> {
  const engine = context.openEngine();
  try {
    const job = await call<JobRecord>(engine, 'library.rescan', {});
    await runImportJob(context, engine, job);
  } finally {
    engine.close();
  }
}

export interface LibraryListOptions {
  kind?: MediaKind;
  search?: string;
  /** Items carrying every one of these tags (a person's or a model's; case-insensitive). */
  tag?: string[];
  limit: number;
  missing?: boolean;
}

/** Why a filtered list is empty, naming the filters. */
function nothingMatches(options: LibraryListOptions): string {
  const filters = [
    ...(options.search ? [`"${options.search}"`] : []),
    ...(options.tag ?? []).map((t) => `tag "${t}"`),
    ...(options.kind ? [`kind ${options.kind}`] : []),
  ];
  return `Nothing matches ${filters.join(' and ')}.`;
}

export function libraryList(context: CliContext, options: LibraryListOptions): void {
  const engine = context.openEngine();
  try {
    const page = engine.catalogue.media.page(options.search ?? '', {
      kind: options.kind,
      limit: options.limit,
      includeMissing: options.missing ?? false,
      ...(options.tag?.length ? { tags: options.tag } : {}),
    });
    const filtered = Boolean(options.search || options.tag?.length || options.kind);
    const libraryEmpty = page.total === 0 && (!filtered || engine.catalogue.media.page('', { limit: 1 }).total === 0);
    context.output(page, () =>
      page.total === 0
        ? libraryEmpty
          ? 'The library is empty. Add a folder with `motif library add DIR`.'
          : nothingMatches(options)
        : table([
            ['ID', 'KIND', 'TITLE', 'ARTIST', 'SIZE', 'PATH'],
            ...page.items.map((item) => [
              String(item.id),
              item.kind + (item.missing ? ' (missing)' : ''),
              item.title.slice(0, 40),
              (item.artist ?? '').slice(0, 24),
              item.size === null ? '' : formatBytes(item.size),
              item.path ?? '',
            ]),
          ]) + (page.total > page.items.length ? `\n(${page.items.length} of ${page.total}; use --limit)` : ''),
    );
  } finally {
    engine.close();
  }
}
