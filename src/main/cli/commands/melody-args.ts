/**
 * Argument parsers of `motif melody …`: pure functions that commander calls per option value and
 * that throw commander's InvalidArgumentError with a message naming what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { z } from 'zod';
import type { keyLockSchema, MelodyCorpus } from '../../../shared/melody';

/** The generator's key/scale lock: tonic pitch class 0 (C) to 11 (B) and mode. */
export type KeyLock = z.infer<typeof keyLockSchema>;

const NATURAL_PITCH_CLASSES: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const KEY_PATTERN = /^([A-Ga-g])([#b]?):(major|minor)$/i;

/** `C:major`, `F#:minor`, `Bb:minor` (letter, optional # or b, a colon, major or minor). */
export function parseKey(value: string): KeyLock {
  const match = KEY_PATTERN.exec(value.trim());
  if (!match) {
    throw new InvalidArgumentError(
      'expected a key like C:major, F#:minor or Bb:minor (tonic A-G with an optional # or b).',
    );
  }
  const [, letter = '', accidental = '', mode = ''] = match;
  const natural = NATURAL_PITCH_CLASSES[letter.toUpperCase()] ?? 0;
  const shift = accidental === '#' ? 1 : accidental === 'b' ? -1 : 0;
  return { tonic: (natural + shift + 12) % 12, mode: mode.toLowerCase() === 'minor' ? 'minor' : 'major' };
}

export type CorpusSource = { kind: 'path'; path: string } | { kind: 'tag'; tag: string };

/** One `--corpus` value: `tag:NAME` selects catalogue items by tag; anything else is a folder or .mid file. */
export function parseCorpusSource(value: string, cwd = process.cwd()): CorpusSource {
  if (value.startsWith('tag:')) {
    const tag = value.slice('tag:'.length).trim();
    if (tag.length === 0) throw new InvalidArgumentError('expected a tag name after "tag:", e.g. tag:folk.');
    if (tag.length > 80) throw new InvalidArgumentError('a tag has at most 80 characters.');
    return { kind: 'tag', tag };
  }
  if (value.trim().length === 0) throw new InvalidArgumentError('expected a folder, a .mid file or tag:NAME.');
  const resolved = path.resolve(cwd, value);
  if (!fs.existsSync(resolved)) throw new InvalidArgumentError(`there is no folder or file at ${resolved}.`);
  return { kind: 'path', path: resolved };
}

/** commander accumulator for the repeatable `--corpus`. */
export function collectCorpusSource(value: string, previous: CorpusSource[] = []): CorpusSource[] {
  return [...previous, parseCorpusSource(value)];
}

/** The API's corpus selection: paths and tags (duplicates removed); nothing given = the whole library. */
export function corpusFromSources(sources: readonly CorpusSource[]): MelodyCorpus {
  const paths = [...new Set(sources.flatMap((s) => (s.kind === 'path' ? [s.path] : [])))];
  const tags = [...new Set(sources.flatMap((s) => (s.kind === 'tag' ? [s.tag] : [])))];
  return { ...(paths.length > 0 ? { paths } : {}), ...(tags.length > 0 ? { tags } : {}) };
}

/** `--hidden 128,128`: one to four LSTM layer sizes, each 2-1024. */
export function parseHiddenSizes(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const sizes = parts.map(Number);
  if (
    parts.length < 1 ||
    parts.length > 4 ||
    sizes.some((n, i) => parts[i] === '' || !Number.isInteger(n) || n < 2 || n > 1024)
  ) {
    throw new InvalidArgumentError('expected 1 to 4 comma-separated layer sizes from 2 to 1024, e.g. 128,128.');
  }
  return sizes;
}

/** A number in [min, max] (or (min, max] with `exclusiveMin`). */
export function decimal(min: number, max: number, options: { exclusiveMin?: boolean } = {}) {
  const exclusive = options.exclusiveMin ?? false;
  return (value: string): number => {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isFinite(n) || (exclusive ? n <= min : n < min) || n > max) {
      throw new InvalidArgumentError(
        `expected a number ${exclusive ? 'above' : 'from'} ${min} ${exclusive ? 'up ' : ''}to ${max}`,
      );
    }
    return n;
  };
}
