/**
 * MIDI parse throughput: MB/s of readMidi over every file of the reference MIDI folder and the
 * Nottingham corpus. Files are loaded into memory first, so only parsing is timed; each set is
 * parsed once to warm up, then whole passes repeat until `minSeconds` have elapsed. Files the
 * reader refuses (the malformed test files) are parsed too and count towards the bytes, since
 * refusing them is part of the work. MB = 10^6 bytes.
 *
 *   npx tsx bench/lib/midi-parse.ts          (prints a line per set and the JSON result)
 *   import { benchMidiParse } from './lib/midi-parse'   (from bench/melody.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MidiParseError, readMidi } from '../../src/main/engine/music/midi';

export interface MidiParseSetResult {
  name: string;
  folder: string;
  files: number;
  bytes: number;
  /** Files that parse; the rest give a typed MidiParseError. */
  parsed: number;
  errors: number;
  notes: number;
  passes: number;
  seconds: number;
  /** Mean throughput over all timed passes. */
  mbPerSecond: number;
  /** Throughput of the fastest pass: less sensitive to other load on a shared machine. */
  bestPassMbPerSecond: number;
}

export interface MidiParseBenchResult {
  sets: MidiParseSetResult[];
  /** All sets together: total bytes parsed over total time. */
  total: { files: number; bytes: number; seconds: number; mbPerSecond: number };
  /** Sets that were not found (the reference data is optional). */
  missing: string[];
}

export interface MidiParseBenchOptions {
  /** The shared reference folder; default MOTIF_REFERENCE_DIR, else ../shared/data beside the repo. */
  referenceDir?: string;
  /** Minimum timed seconds per set (default 2). */
  minSeconds?: number;
}

function defaultReferenceDir(): string {
  const fromEnv = process.env.MOTIF_REFERENCE_DIR;
  return fromEnv && fromEnv.length > 0 ? fromEnv : path.resolve(import.meta.dirname, '../../../shared/data');
}

function midiFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? midiFilesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.(mid|midi|kar|rmi)$/i.test(f))
    .sort();
}

function parseAll(files: Uint8Array[]): { parsed: number; notes: number } {
  let parsed = 0;
  let notes = 0;
  for (const bytes of files) {
    try {
      const song = readMidi(bytes);
      parsed += 1;
      for (const track of song.tracks) notes += track.notes.length;
    } catch (error) {
      if (!(error instanceof MidiParseError)) throw error;
    }
  }
  return { parsed, notes };
}

export function benchMidiParse(options: MidiParseBenchOptions = {}): MidiParseBenchResult {
  const root = options.referenceDir ?? defaultReferenceDir();
  const minSeconds = options.minSeconds ?? 2;
  const sets: MidiParseSetResult[] = [];
  const missing: string[] = [];
  for (const [name, relative] of [
    ['reference midi', 'midi'],
    ['nottingham', 'melodies/nottingham/midi'],
  ] as const) {
    const folder = path.join(root, relative);
    if (!fs.existsSync(folder)) {
      missing.push(folder);
      continue;
    }
    const files = midiFilesUnder(folder).map((f) => new Uint8Array(fs.readFileSync(f)));
    const bytes = files.reduce((sum, b) => sum + b.length, 0);
    const { parsed, notes } = parseAll(files); // warm-up pass
    let passes = 0;
    let fastest = Number.POSITIVE_INFINITY;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < minSeconds * 1000 || passes < 3) {
      const passStart = performance.now();
      parseAll(files);
      const now = performance.now();
      fastest = Math.min(fastest, now - passStart);
      passes += 1;
      elapsed = now - start;
    }
    const seconds = elapsed / 1000;
    sets.push({
      name,
      folder,
      files: files.length,
      bytes,
      parsed,
      errors: files.length - parsed,
      notes,
      passes,
      seconds,
      mbPerSecond: (bytes * passes) / 1e6 / seconds,
      bestPassMbPerSecond: bytes / 1e6 / (fastest / 1000),
    });
  }
  const totalBytes = sets.reduce((s, r) => s + r.bytes * r.passes, 0);
  const totalSeconds = sets.reduce((s, r) => s + r.seconds, 0);
  return {
    sets,
    total: {
      files: sets.reduce((s, r) => s + r.files, 0),
      bytes: sets.reduce((s, r) => s + r.bytes, 0),
      seconds: totalSeconds,
      mbPerSecond: totalSeconds > 0 ? totalBytes / 1e6 / totalSeconds : 0,
    },
    missing,
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const result = benchMidiParse();
  for (const set of result.sets) {
    console.log(
      `${set.name}: ${set.files} files, ${(set.bytes / 1e6).toFixed(2)} MB (${set.parsed} parse, ${set.errors} typed errors, ${set.notes} notes): ` +
        `${set.mbPerSecond.toFixed(1)} MB/s over ${set.passes} passes in ${set.seconds.toFixed(2)} s (fastest pass ${set.bestPassMbPerSecond.toFixed(1)} MB/s)`,
    );
  }
  for (const folder of result.missing) console.log(`skipped: ${folder} not found (set MOTIF_REFERENCE_DIR)`);
  console.log(`total: ${result.total.mbPerSecond.toFixed(1)} MB/s`);
  console.log(JSON.stringify(result, null, 2));
}
