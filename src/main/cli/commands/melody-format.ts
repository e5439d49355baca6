/** Reading and printing the numbers of melody jobs and model versions. */
import type { NgramScore } from '../../../shared/melody';

/** A finite number at `key` of a job result or metrics record, else null. */
export function numberAt(record: Record<string, unknown> | null | undefined, key: string): number | null {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function stringAt(record: Record<string, unknown> | null | undefined, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' ? value : null;
}

/** `3.1416`, or `—` when unknown. */
export function fixed(value: number | null, digits = 3): string {
  return value === null ? '—' : value.toFixed(digits);
}

/** `0.84×` (LSTM perplexity over the n-gram's), or `—`. */
export function ratio(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}×`;
}

/** `42.0%` from a fraction, or `—`. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(100 * value).toFixed(1)}%`;
}

/** `12m 05s` for a duration in seconds. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

function isNgramScore(value: unknown): value is NgramScore {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.order === 'number' && typeof v.perplexity === 'number' && typeof v.smoothing === 'string';
}

/** The n-gram baselines listed in a job result (best first, as the engine reports them). */
export function ngramScores(record: Record<string, unknown> | null | undefined, key = 'ngrams'): NgramScore[] {
  const value = record?.[key];
  return Array.isArray(value) ? value.filter(isNgramScore) : [];
}

export function ngramScoreAt(record: Record<string, unknown> | null | undefined, key: string): NgramScore | null {
  const value = record?.[key];
  return isNgramScore(value) ? value : null;
}

export function ngramLabel(score: NgramScore, prefix = ''): string {
  return `${prefix}${score.order}-gram ${score.smoothing}`;
}
