/** `motif melody import DIR`: a folder of MIDI files into the library, with a per-file report. */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../../../shared/catalogue';
import { MotifError } from '../../../shared/errors';
import type { MelodyCorpusSummary } from '../../../shared/melody';
import { mediaKindOf } from '../../engine/library/media-types';
import { listFiles } from '../../engine/library/walk';
import type { CliContext } from '../context';
import { plural } from '../format';
import { call, followJob, unfinished } from './melody-job';

const LISTED_SKIPS = 20;

export interface MelodyImportResult {
  folder: string;
  /** MIDI files (.mid, .midi, .kar, .rmi) found below the folder. */
  midiFiles: number;
  /** Other media files (audio, images) found there; they are catalogued too. */
  otherMediaFiles: number;
  report: ImportReport | null;
  /** The folder as a training corpus (files and the held-out split), when the import finished. */
  corpus: MelodyCorpusSummary | null;
}

function human(result: MelodyImportResult): string {
  const { report, corpus } = result;
  if (!report) return 'Nothing was imported.';
  const midiSkips = report.skipped.filter((s) => mediaKindOf(s.path) === 'midi');
  const otherSkips = report.skippedCount - midiSkips.length;
  const lines = [
    `${plural(result.midiFiles, 'MIDI file')} in ${result.folder}` +
      (result.otherMediaFiles > 0
        ? ` (and ${plural(result.otherMediaFiles, 'other media file')}, catalogued too)`
        : '') +
      '.',
    `Imported ${report.imported}, updated ${report.updated}, relinked ${report.relinked}, unchanged ${report.unchanged}, ` +
      `newly missing ${report.missing}, skipped ${report.skippedCount}` +
      (otherSkips > 0 ? ` (${midiSkips.length} MIDI, ${otherSkips} other)` : '') +
      '.',
  ];
  for (const skip of report.skipped.slice(0, LISTED_SKIPS)) lines.push(`  skipped ${skip.path}: ${skip.reason}`);
  if (report.skippedCount > LISTED_SKIPS) lines.push(`  … and ${report.skippedCount - LISTED_SKIPS} more (see --json)`);
  if (corpus && corpus.files > 0) {
    lines.push(
      `Train on it: motif melody train --corpus ${JSON.stringify(result.folder)} ` +
        `(${plural(corpus.files, 'file')}, ${corpus.heldOut} held out for evaluation).`,
    );
  }
  return lines.join('\n');
}

export async function melodyImport(context: CliContext, dir: string): Promise<void> {
  const folder = path.resolve(dir);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new MotifError('invalid-input', `There is no folder at ${folder}.`);
  }
  const kinds = (await listFiles(folder)).map((file) => mediaKindOf(file));
  const midiFiles = kinds.filter((k) => k === 'midi').length;
  const otherMediaFiles = kinds.filter((k) => k !== null && k !== 'midi').length;
  const engine = context.openEngine();
  try {
    const job = await call(engine, 'library.import', { paths: [folder] });
    if (!context.json)
      context.log(`Importing ${plural(midiFiles, 'MIDI file')} from ${folder} in place (job #${job.id})…`);
    const finished = await followJob(context, engine, job, { what: 'the import (what was imported so far is kept)' });
    const report = finished.result as unknown as ImportReport | null;
    const corpus =
      finished.state === 'done' ? await call(engine, 'melody.corpus', { corpus: { paths: [folder] } }) : null;
    const result: MelodyImportResult = { folder, midiFiles, otherMediaFiles, report, corpus };
    context.output({ job: finished, ...result }, () =>
      finished.state === 'done' ? human(result) : unfinished('Import', finished),
    );
  } finally {
    engine.close();
  }
}
