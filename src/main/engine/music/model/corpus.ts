/**
 * A training corpus: MIDI files read, hashed, parsed and cut into melodies. Files that do not
 * parse are skipped with their reason, never silently.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { readMidi } from '../midi';
import { extractMelodies, type ExtractionOptions, type Melody } from './extract';
import { compareNames, type SplitOptions } from './dataset';

export interface CorpusFile {
  path: string;
  /** sha256 of the file's bytes. */
  hash: string;
  melodies: Melody[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Corpus {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

export interface LoadCorpusOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function loadCorpus(
  paths: readonly string[],
  extraction: ExtractionOptions,
  options: LoadCorpusOptions = {},
): Promise<Corpus> {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const unique = [...new Set(paths)];
  for (let k = 0; k < unique.length; k++) {
    if (options.signal?.aborted) break;
    const file = unique[k] as string;
    try {
      const bytes = new Uint8Array(await fs.readFile(file));
      const melodies = extractMelodies(readMidi(bytes), extraction);
      files.push({ path: file, hash: sha256(bytes), melodies });
    } catch (error) {
      skipped.push({ path: file, reason: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(k + 1, unique.length);
  }
  return { files, skipped };
}

/** Hash of the data a model saw: every file's hash in name order, the extraction and the split. */
export function corpusDataHash(
  files: readonly CorpusFile[],
  extraction: ExtractionOptions,
  split: SplitOptions,
): string {
  const sorted = [...files].sort((a, b) => compareNames(a.path, b.path));
  return sha256(JSON.stringify({ files: sorted.map((f) => f.hash), extraction, split }));
}
