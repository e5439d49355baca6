/**
 * Sampling one event from a row of logits: key/scale lock (masked logits), temperature, top-k and
 * top-p (nucleus). Pure functions of numbers, so they are easy to test.
 */
import { FIRST_PITCH_CLASS, type PitchRange } from './vocabulary';

export interface SamplingOptions {
  /** 0 picks the most likely event; 1 samples the model's distribution; up to 2. */
  temperature: number;
  /** Keep only the k most likely events (0 = all). */
  topK: number;
  /** Keep the smallest set of events whose probability reaches p (1 = all). */
  topP: number;
}

export const DEFAULT_SAMPLING: SamplingOptions = { temperature: 1, topK: 0, topP: 1 };

export type KeyMode = 'major' | 'minor';

export interface KeyLock {
  tonic: number;
  mode: KeyMode;
}

const SCALES: Record<KeyMode, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
};

/** Pitch classes (0 = C) of a key's scale. */
export function scalePitchClasses(key: KeyLock): number[] {
  return SCALES[key.mode].map((step) => (((key.tonic + step) % 12) + 12) % 12);
}

/**
 * Allowed classes for a key lock: no-event and note-off always; a note-on only when its pitch
 * (after undoing `pitchShift`, the octave shift between the user's register and the model's) is
 * in the scale. Octave shifts do not change pitch classes, so the shift only matters for custom
 * transpositions.
 */
export function keyMask(range: PitchRange, key: KeyLock, pitchShift = 0): Uint8Array {
  const allowed = new Set(scalePitchClasses(key));
  const size = FIRST_PITCH_CLASS + range.maxPitch - range.minPitch;
  const mask = new Uint8Array(size);
  for (let cls = 0; cls < size; cls++) {
    if (cls < FIRST_PITCH_CLASS) mask[cls] = 1;
    else {
      const pitch = range.minPitch + cls - FIRST_PITCH_CLASS - pitchShift;
      mask[cls] = allowed.has(((pitch % 12) + 12) % 12) ? 1 : 0;
    }
  }
  return mask;
}

/** Softmax of logits / temperature over the allowed classes (probabilities of masked ones are 0). */
export function distribution(
  logits: ArrayLike<number>,
  temperature: number,
  mask: Uint8Array | null = null,
): Float64Array {
  const n = logits.length;
  const p = new Float64Array(n);
  const t = Math.max(temperature, 1e-6);
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (!mask || mask[k]) max = Math.max(max, (logits[k] ?? 0) / t);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    if (mask && !mask[k]) continue;
    const e = Math.exp((logits[k] ?? 0) / t - max);
    p[k] = e;
    sum += e;
  }
  if (sum > 0) for (let k = 0; k < n; k++) p[k] = (p[k] ?? 0) / sum;
  return p;
}

/** Zero all but the top-k and the top-p nucleus, then renormalise (in place). */
export function truncate(p: Float64Array, topK: number, topP: number): Float64Array {
  const order = Array.from(p.keys()).sort((a, b) => (p[b] ?? 0) - (p[a] ?? 0) || a - b);
  let keep = order.length;
  if (topK > 0) keep = Math.min(keep, topK);
  if (topP < 1) {
    let cumulative = 0;
    for (let r = 0; r < keep; r++) {
      cumulative += p[order[r] ?? 0] ?? 0;
      if (cumulative >= topP) {
        keep = r + 1;
        break;
      }
    }
  }
  for (let r = keep; r < order.length; r++) p[order[r] ?? 0] = 0;
  let sum = 0;
  for (const v of p) sum += v;
  if (sum > 0) for (let k = 0; k < p.length; k++) p[k] = (p[k] ?? 0) / sum;
  return p;
}

/** One class from logits. Temperature 0 (or below 1e-3) is greedy. */
export function sampleClass(
  logits: ArrayLike<number>,
  options: SamplingOptions,
  random: () => number,
  mask: Uint8Array | null = null,
): number {
  if (options.temperature < 1e-3) {
    let best = -1;
    let bestValue = -Infinity;
    for (let k = 0; k < logits.length; k++) {
      if (mask && !mask[k]) continue;
      if ((logits[k] ?? -Infinity) > bestValue) {
        best = k;
        bestValue = logits[k] ?? -Infinity;
      }
    }
    return Math.max(0, best);
  }
  const p = truncate(distribution(logits, options.temperature, mask), options.topK, options.topP);
  const u = random();
  let cumulative = 0;
  let last = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = p[k] ?? 0;
    if (pk <= 0) continue;
    last = k;
    cumulative += pk;
    if (u < cumulative) return k;
  }
  return last;
}
