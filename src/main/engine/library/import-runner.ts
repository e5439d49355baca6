/**
 * The library import job (runs in the worker): walk folders, catalogue audio, MIDI and images in
 * place, incrementally (size + mtime unchanged means unchanged; else hash and probe), write in
 * small transactions, flag files that went missing, and report every skip with its reason.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../../shared/catalogue';
import { MotifError } from '../../../shared/errors';
import { Catalogue } from '../catalogue/catalogue';
import type { ScannedFile } from '../catalogue/library-repo';
import type { JobOutcome } from '../jobs/protocol';
import { CATALOGUE_FILE } from '../paths';
import type { JobContext } from '../worker/context';
import { etaSeconds } from '../worker/progress';
import { hashFile } from './hash';
import { mediaKindOf } from './media-types';
import { ProbeError, probeFile } from './probe';
import { listFiles } from './walk';

const MAX_LISTED_SKIPS = 500;
const BATCH_FILES = 25;
const BATCH_MS = 250;

const absolutePaths = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((f) => typeof f === 'string' && path.isAbsolute(f));

/** The job's folders and single files (absolute paths); at least one of either. */
export function readFolders(params: Record<string, unknown>): { folders: string[]; files: string[] } {
  const folders = params.folders ?? [];
  const files = params.files ?? [];
  if (!absolutePaths(folders) || !absolutePaths(files) || folders.length + files.length === 0) {
    throw new MotifError('invalid-input', 'An import needs one or more absolute folder or file paths.');
  }
  return { folders, files };
}

export async function runLibraryImport(params: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const { folders, files: looseFiles } = readFolders(params);
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  const report: ImportReport = {
    folders: [...folders, ...looseFiles],
    seen: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    relinked: 0,
    missing: 0,
    skipped: [],
    skippedCount: 0,
  };
  const skip = (file: string, reason: string): void => {
    report.skippedCount += 1;
    if (report.skipped.length < MAX_LISTED_SKIPS) report.skipped.push({ path: file, reason });
  };
  let batch: ScannedFile[] = [];
  let lastFlush = performance.now();
  const flush = (): void => {
    if (batch.length === 0) return;
    for (const outcome of catalogue.library.apply(batch)) report[outcome] += 1;
    batch = [];
    lastFlush = performance.now();
  };

  try {
    context.progress({ fraction: 0, stage: 'listing', message: 'Looking for media files' });
    // Single files (dropped on the Library) have no folder to rescan or mark missing in.
    const perFolder: Array<{ folder: string | null; files: string[] }> = looseFiles.length > 0 ? [{ folder: null, files: looseFiles }] : [];
    for (const folder of folders) {
      const stat = await fs.stat(folder).catch(() => null);
      if (!stat?.isDirectory()) {
        skip(folder, 'the folder does not exist or is not a folder');
        continue;
      }
      perFolder.push({ folder, files: await listFiles(folder, context.signal) });
    }
    const total = perFolder.reduce((n, f) => n + f.files.length, 0);
    const started = performance.now();
    let done = 0;

    for (const { folder, files } of perFolder) {
      const seen = new Set<string>();
      for (const file of files) {
        if (context.signal.aborted) break;
        done += 1;
        context.progress({
          fraction: total === 0 ? 1 : done / total,
          stage: 'importing',
          message: `File ${done.toLocaleString('en')} of ${total.toLocaleString('en')}: ${path.basename(file)}`,
          metrics: { imported: report.imported + batch.length, skipped: report.skippedCount },
          etaSeconds: etaSeconds(performance.now() - started, done / Math.max(1, total)),
        });
        const kind = mediaKindOf(file);
        if (!kind) {
          skip(file, 'not a media type Motif catalogues');
          continue;
        }
        report.seen += 1;
        seen.add(file);
        try {
          const stat = await fs.stat(file);
          const known = catalogue.library.known(file);
          if (known && known.size === stat.size && known.mtimeMs === Math.trunc(stat.mtimeMs)) {
            if (known.missing) catalogue.library.markPresent(known.id);
            report.unchanged += 1;
            continue;
          }
          const [contentHash, probed] = await Promise.all([hashFile(file), probeFile(file, kind, path.extname(file).toLowerCase())]);
          if (probed.warning) skip(file, `imported, but ${probed.warning}`);
          // Same bytes as an item whose file is gone (or pending in this batch): the file moved.
          const pendingPaths = new Set(batch.map((b) => b.movedFromId));
          const moved = known
            ? undefined
            : catalogue.library
                .sameContent(contentHash, file)
                .find((c) => c.path !== null && !pendingPaths.has(c.id) && (c.missing || !existsSync(c.path)));
          batch.push({
            movedFromId: moved?.id,
            path: file,
            kind,
            contentHash,
            size: stat.size,
            mtimeMs: Math.trunc(stat.mtimeMs),
            title: probed.title ?? path.basename(file, path.extname(file)),
            artist: probed.artist,
            album: probed.album,
            durationS: probed.durationS,
            metadata: probed.metadata,
            peaks: probed.peaks,
          });
        } catch (error) {
          seen.delete(file);
          report.seen -= 1;
          skip(file, error instanceof ProbeError ? error.message : `could not be read (${(error as Error).message})`);
        }
        if (batch.length >= BATCH_FILES || performance.now() - lastFlush > BATCH_MS) flush();
      }
      flush();
      if (context.signal.aborted) break;
      if (folder !== null) {
        report.missing += catalogue.library.markMissing(folder, seen);
        catalogue.library.markScanned(folder);
      }
    }
    flush();
    if (context.signal.aborted) throw new MotifError('cancelled', 'The import was cancelled; what was imported so far is kept.');
    context.progress({ fraction: 1, stage: 'done', message: `Imported ${report.imported}, updated ${report.updated}` });
    return { summary: { ...report }, changed: ['media'] };
  } finally {
    catalogue.close();
  }
}
