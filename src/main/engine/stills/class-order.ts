/**
 * Natural class orders Motif recognises without being told: the five shot scales in their common
 * spellings ("ECU", "extreme_close_up", "1_ecu", "wide", …) and numbered labels ("1_close",
 * "2_far"). A recognised order enables ±1 accuracy; anything else is unordered (null).
 */
import { MotifError } from '../../../shared/errors';
import { SHOT_SCALE_ORDER } from '../../../shared/stills';

/** Spellings per shot scale (index into SHOT_SCALE_ORDER), after `normalise`. */
const SHOT_SCALE_ALIASES: ReadonlyArray<readonly string[]> = [
  ['ecu', 'xcu', 'bcu', 'extreme close up', 'extreme closeup', 'extreme close', 'extreme cu', 'big close up'],
  ['cu', 'close up', 'closeup', 'close'],
  ['ms', 'medium', 'mid', 'medium shot', 'mid shot', 'midshot'],
  ['ls', 'long', 'wide', 'long shot', 'wide shot', 'longshot', 'full', 'full shot'],
  [
    'els',
    'xls',
    'ews',
    'extreme long',
    'extreme wide',
    'extreme long shot',
    'extreme wide shot',
    'very long',
    'very wide',
  ],
];

const NUMBERED = /^(\d+)\s*[_\-.\s)]\s*\S/;

/** Lower case, a leading "1_"-style number dropped, separators as single spaces, a trailing "shot" kept. */
function normalise(label: string): string {
  return label
    .toLowerCase()
    .replace(/^\d+\s*[_\-.\s)]\s*/, '')
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The shot scale a label names (0 = extreme close-up … 4 = extreme long), or null. */
export function shotScaleIndex(label: string): number | null {
  const name = normalise(label);
  const canonical = SHOT_SCALE_ORDER.findIndex((s) => normalise(s) === name);
  if (canonical >= 0) return canonical;
  const found = SHOT_SCALE_ALIASES.findIndex((aliases) => aliases.includes(name));
  return found >= 0 ? found : null;
}

/**
 * The labels in their natural order when Motif recognises one: all of them shot scales (each a
 * different one), or all numbered with distinct numbers. Null otherwise (or with fewer than 2).
 */
export function recogniseClassOrder(labels: readonly string[]): string[] | null {
  const unique = [...new Set(labels)];
  if (unique.length < 2) return null;
  const byRank = (rank: (l: string) => number | null): string[] | null => {
    const ranked = unique.map((label) => ({ label, rank: rank(label) }));
    if (ranked.some((r) => r.rank === null)) return null;
    if (new Set(ranked.map((r) => r.rank)).size !== ranked.length) return null;
    return ranked.sort((a, b) => (a.rank as number) - (b.rank as number)).map((r) => r.label);
  };
  return (
    byRank(shotScaleIndex) ??
    byRank((label) => {
      const match = NUMBERED.exec(label.trim());
      return match ? Number(match[1]) : null;
    })
  );
}

/** A person's class order must name every class exactly once. */
export function validateClassOrder(order: readonly string[], classes: readonly string[]): string[] {
  const known = new Set(classes);
  const seen = new Set<string>();
  for (const label of order) {
    if (!known.has(label))
      throw new MotifError('invalid-input', `"${label}" is not a class of this dataset (${classes.join(', ')}).`);
    if (seen.has(label)) throw new MotifError('invalid-input', `"${label}" appears twice in the class order.`);
    seen.add(label);
  }
  const missing = classes.filter((c) => !seen.has(c));
  if (missing.length > 0)
    throw new MotifError('invalid-input', `The class order leaves out ${missing.map((m) => `"${m}"`).join(', ')}.`);
  return [...order];
}
