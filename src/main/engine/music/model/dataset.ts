/**
 * From extracted melodies to training batches: class-id encoding, the held-out split by file, and
 * epoch batches of fixed-length windows. A window never spans two melodies (so never two files);
 * the tail of a melody shorter than a window is padded with zero-weight targets.
 */
import { foldPitch, type Melody } from './extract';
import type { SequenceBatch } from './lstm';
import { encodeEvents, FIRST_PITCH_CLASS, type PitchRange } from './vocabulary';

/** A melody as the model sees it. */
export interface EncodedMelody {
  tokens: Uint8Array;
  /** Position in the bar of each step. */
  positions: Uint8Array;
  /** Index of the source file in the corpus. */
  file: number;
}

export function encodeMelody(melody: Melody, range: PitchRange, file: number): EncodedMelody {
  return {
    tokens: encodeEvents(range, melody.events),
    positions: Uint8Array.from(melody.barPositions, (p) => Math.min(255, p)),
    file,
  };
}

export interface SplitOptions {
  /** One file in `every` is held out (default 10). */
  every: number;
  /** Which one: files whose index in sorted name order is `offset` mod `every` (default every-1, i.e. the 10th, 20th, ...). */
  offset: number;
}

export const DEFAULT_SPLIT: SplitOptions = { every: 10, offset: 9 };

/** Code-unit order, independent of the locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Split files by name: sort, then every `every`-th (from `offset`) is held out. Deterministic. */
export function splitByFile<T>(
  files: readonly T[],
  nameOf: (file: T) => string,
  options: Partial<SplitOptions> = {},
): { train: T[]; heldOut: T[] } {
  const every = options.every ?? DEFAULT_SPLIT.every;
  const offset = options.offset ?? every - 1;
  if (!Number.isInteger(every) || every < 2) throw new Error(`split "every" must be an integer >= 2, got ${every}`);
  const sorted = [...files].sort((a, b) => compareNames(nameOf(a), nameOf(b)));
  const train: T[] = [];
  const heldOut: T[] = [];
  sorted.forEach((file, index) => (index % every === ((offset % every) + every) % every ? heldOut : train).push(file));
  return { train, heldOut };
}

/** Class-id lookup for a transposition by `semitones` (pitches folded back into the range). */
export function transpositionTable(range: PitchRange, semitones: number): Uint8Array {
  const size = FIRST_PITCH_CLASS + range.maxPitch - range.minPitch;
  const table = new Uint8Array(size);
  for (let cls = 0; cls < size; cls++) {
    table[cls] =
      cls < FIRST_PITCH_CLASS
        ? cls
        : FIRST_PITCH_CLASS + foldPitch(range.minPitch + cls - FIRST_PITCH_CLASS + semitones, range) - range.minPitch;
  }
  return table;
}

export interface BatchOptions {
  steps: number;
  batchSize: number;
  random: () => number;
  /** Semitone shifts to draw from per window (augmentation); [] or [0] = none. */
  transpositions: readonly number[];
  range: PitchRange;
  /** Whether the net takes the position feature. */
  positions: boolean;
}

interface Window {
  melody: number;
  start: number;
}

/** The windows of one epoch: each melody cut at a random offset into steps-long pieces, shuffled. */
export function epochWindows(melodies: readonly EncodedMelody[], steps: number, random: () => number): Window[] {
  const windows: Window[] = [];
  melodies.forEach((m, index) => {
    const targets = m.tokens.length - 1;
    if (targets < 1) return;
    const offset = targets > steps ? Math.floor(random() * steps) : 0;
    for (let start = offset; start < targets; start += steps) windows.push({ melody: index, start });
  });
  for (let i = windows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [windows[i], windows[j]] = [windows[j] as Window, windows[i] as Window];
  }
  return windows;
}

/** Assemble one time-major batch from windows (missing rows and steps past a melody's end weigh 0). */
export function assembleBatch(
  melodies: readonly EncodedMelody[],
  windows: readonly Window[],
  options: BatchOptions,
): SequenceBatch {
  const { steps, batchSize } = options;
  const rows = steps * batchSize;
  const tokens = new Int32Array(rows);
  const targets = new Int32Array(rows);
  const weights = new Float32Array(rows);
  const features = options.positions ? new Int32Array(rows) : null;
  const shifts = options.transpositions.length > 0 ? options.transpositions : [0];
  const tables = new Map<number, Uint8Array>();
  const tableFor = (shift: number): Uint8Array => {
    let t = tables.get(shift);
    if (!t) {
      t = transpositionTable(options.range, shift);
      tables.set(shift, t);
    }
    return t;
  };
  windows.forEach((w, b) => {
    if (b >= batchSize) return;
    const m = melodies[w.melody] as EncodedMelody;
    const shift = shifts[Math.floor(options.random() * shifts.length)] ?? 0;
    const table = tableFor(shift);
    for (let t = 0; t < steps; t++) {
      const at = w.start + t;
      if (at + 1 >= m.tokens.length) break;
      const r = t * batchSize + b;
      tokens[r] = table[m.tokens[at] ?? 0] ?? 0;
      targets[r] = table[m.tokens[at + 1] ?? 0] ?? 0;
      weights[r] = 1;
      if (features) features[r] = m.positions[at + 1] ?? 0;
    }
  });
  return { batchSize, steps, tokens, features, targets, weights };
}

/** Number of batches an epoch of these windows makes. */
export function batchCount(windowCount: number, batchSize: number): number {
  return Math.ceil(windowCount / batchSize);
}
