/**
 * The `stills-import` job (runs in the worker): a folder of class subfolders becomes a dataset.
 * Images are catalogued in place like a library import (size + mtime unchanged means unchanged;
 * else hashed and fully decoded), each gets the label of its class folder and, when the file
 * names follow one pattern, a group key. Every file that is skipped is reported with its reason,
 * and files with identical bytes are reported as duplicates, also across labels.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { StillsImportReport, StillsSkipProblem } from '../../../shared/stills';
import { Catalogue } from '../catalogue/catalogue';
import type { ScannedFile } from '../catalogue/library-repo';
import type { DatasetItemInput } from '../catalogue/stills-repo';
import type { JobOutcome } from '../jobs/protocol';
import { hashFile } from '../library/hash';
import { mediaKindOf } from '../library/media-types';
import { listFiles } from '../library/walk';
import { CATALOGUE_FILE } from '../paths';
import type { JobContext } from '../worker/context';
import { etaSeconds } from '../worker/progress';
import { groupKeys } from './group-key';
import { StillsImageError, probeStill } from './preprocess';

const BATCH_FILES = 25;
const MAX_LISTED = 1000;

export function readImportParams(params: Record<string, unknown>): { root: string; name: string } {
  const root = params.root;
  if (typeof root !== 'string' || !path.isAbsolute(root))
    throw new MotifError('invalid-input', 'A stills import needs the absolute path of a folder of class subfolders.');
  const name =
    typeof params.name === 'string' && params.name.trim().length > 0 ? params.name.trim() : path.basename(root);
  return { root: path.resolve(root), name };
}

interface Candidate {
  file: string;
  label: string;
  /** The class folder it was found in. */
  folder: string;
}

/** Image files in the class subfolders of `root` (label = the subfolder's name), and the rest. */
async function listDataset(root: string, signal: AbortSignal): Promise<{ candidates: Candidate[]; outside: string[] }> {
  const entries = await fs.readdir(root, { withFileTypes: true });
  const candidates: Candidate[] = [];
  const outside: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(root, entry.name);
    if (entry.isDirectory())
      for (const file of await listFiles(full, signal))
        candidates.push({ file, label: entry.name.trim() || entry.name, folder: full });
    else if (entry.isFile()) outside.push(full);
  }
  return { candidates, outside };
}

export async function runStillsImport(params: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const { root, name } = readImportParams(params);
  const stat = await fs.stat(root).catch(() => null);
  if (!stat?.isDirectory()) throw new MotifError('not-found', `There is no folder at ${root}.`);
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  try {
    const dataset = catalogue.stills.ensure(root, name);
    const skipped: StillsImportReport['skipped'] = [];
    let skippedCount = 0;
    const skip = (file: string, problem: StillsSkipProblem, reason: string): void => {
      skippedCount += 1;
      if (skipped.length < MAX_LISTED) skipped.push({ path: file, problem, reason });
    };
    context.progress({ fraction: 0, stage: 'listing', message: `Looking for class folders in ${root}` });
    const { candidates, outside } = await listDataset(root, context.signal);
    for (const file of outside)
      if (mediaKindOf(file) === 'image')
        skip(file, 'outside-class-folder', 'not inside a class subfolder, so it has no label');

    const counts = { imported: 0, updated: 0, unchanged: 0 };
    const accepted: Candidate[] = [];
    let batch: ScannedFile[] = [];
    const flush = (): void => {
      if (batch.length === 0) return;
      for (const outcome of catalogue.library.apply(batch)) if (outcome !== 'relinked') counts[outcome] += 1;
      batch = [];
    };
    const started = performance.now();
    let done = 0;
    for (const candidate of candidates) {
      if (context.signal.aborted) break;
      done += 1;
      context.progress({
        fraction: (0.95 * done) / Math.max(1, candidates.length),
        stage: 'importing',
        message: `File ${done.toLocaleString('en')} of ${candidates.length.toLocaleString('en')}: ${path.basename(candidate.file)}`,
        metrics: { imported: counts.imported + batch.length, skipped: skippedCount },
        etaSeconds: etaSeconds(performance.now() - started, done / Math.max(1, candidates.length)),
      });
      const { file } = candidate;
      if (mediaKindOf(file) !== 'image') {
        skip(file, 'unsupported', 'not an image type Motif reads (JPEG, PNG, WebP, GIF, BMP, TIFF)');
        continue;
      }
      try {
        const fileStat = await fs.stat(file);
        if (fileStat.size === 0) throw new StillsImageError(file, 'empty', 'the file is empty');
        const known = catalogue.library.known(file);
        if (known && known.size === fileStat.size && known.mtimeMs === Math.trunc(fileStat.mtimeMs)) {
          if (known.missing) catalogue.library.markPresent(known.id);
          counts.unchanged += 1;
          accepted.push(candidate);
          continue;
        }
        const bytes = await fs.readFile(file);
        const [contentHash, probed] = await Promise.all([hashFile(file), probeStill(file, bytes)]);
        batch.push({
          path: file,
          kind: 'image',
          contentHash,
          size: fileStat.size,
          mtimeMs: Math.trunc(fileStat.mtimeMs),
          title: path.basename(file, path.extname(file)),
          artist: null,
          album: null,
          durationS: null,
          metadata: { width: probed.width, height: probed.height, format: probed.format },
          peaks: null,
        });
        accepted.push(candidate);
      } catch (error) {
        if (error instanceof StillsImageError) skip(file, error.problem, error.message);
        else skip(file, 'unreadable', `could not be read (${(error as Error).message})`);
      }
      if (batch.length >= BATCH_FILES) flush();
    }
    flush();
    if (context.signal.aborted)
      throw new MotifError(
        'cancelled',
        'The stills import was cancelled; the images catalogued so far are kept, the dataset is unchanged.',
      );

    context.progress({ fraction: 0.97, stage: 'labelling', message: 'Recording labels and looking for duplicates' });
    const classFolder = new Map(accepted.map((c) => [c.file, c.folder]));
    const groups = groupKeys(
      accepted.map((c) => c.file),
      (file) => classFolder.get(file) ?? root,
    );
    const items: DatasetItemInput[] = [];
    for (const { file, label } of accepted) {
      const known = catalogue.library.known(file);
      if (known) items.push({ itemId: known.id, label, groupKey: groups.keys.get(file) ?? null });
    }
    const { removed } = catalogue.stills.sync(dataset.id, items);

    const byHash = new Map<string, Array<{ path: string; label: string }>>();
    for (const member of catalogue.stills.members(dataset.id)) {
      if (!member.contentHash || !member.path) continue;
      const list = byHash.get(member.contentHash) ?? [];
      list.push({ path: member.path, label: member.label });
      byHash.set(member.contentHash, list);
    }
    const duplicates = [...byHash.entries()]
      .filter(([, files]) => files.length > 1)
      .map(([contentHash, files]) => ({ contentHash, files, crossLabel: new Set(files.map((f) => f.label)).size > 1 }));

    const report: StillsImportReport = {
      datasetId: dataset.id,
      name: dataset.name,
      root,
      seen: candidates.length,
      ...counts,
      removed,
      skipped,
      duplicates: duplicates.slice(0, MAX_LISTED),
      groupPattern: groups.pattern,
      classes: catalogue.stills.classes(dataset.id),
    };
    context.progress({
      fraction: 1,
      stage: 'done',
      message: `Imported ${counts.imported}, unchanged ${counts.unchanged}, skipped ${skippedCount}`,
    });
    return { summary: { ...report, skippedCount }, changed: ['media'] };
  } finally {
    catalogue.close();
  }
}
