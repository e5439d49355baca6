/** Pure music helpers for the piano roll: pitch names, keys and scales, metre, positions. */
import type { Clip } from '../../../shared/music';

export const MIN_PITCH = 0;
export const MAX_PITCH = 127;
export const MIN_VELOCITY = 1;
export const MAX_VELOCITY = 127;

export const DEFAULT_PPQ = 480;
export const DEFAULT_BPM = 120;
export const MIN_BPM = 20;
export const MAX_BPM = 300;

const NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'] as const;
const BLACK = new Set([1, 3, 6, 8, 10]);

/** Pitch classes (semitones above the tonic) of each mode. */
export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
} as const;

export type KeyMode = keyof typeof SCALES;
export type MusicalKey = NonNullable<Clip['key']>;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function pitchClass(pitch: number): number {
  return ((pitch % 12) + 12) % 12;
}

/** "C4" for 60 (middle C, scientific pitch notation). */
export function pitchName(pitch: number): string {
  return `${NAMES[pitchClass(pitch)] ?? '?'}${Math.floor(pitch / 12) - 1}`;
}

export function pitchClassName(pc: number): string {
  return NAMES[pitchClass(pc)] ?? '?';
}

export function isBlackKey(pitch: number): boolean {
  return BLACK.has(pitchClass(pitch));
}

export function inScale(pitch: number, key: MusicalKey): boolean {
  const degree = pitchClass(pitch - key.tonic);
  return (SCALES[key.mode] as readonly number[]).includes(degree);
}

export function keyName(key: MusicalKey): string {
  return `${pitchClassName(key.tonic)} ${key.mode}`;
}

export function clampPitch(pitch: number): number {
  return clamp(Math.round(pitch), MIN_PITCH, MAX_PITCH);
}

export function clampVelocity(velocity: number): number {
  return clamp(Math.round(velocity), MIN_VELOCITY, MAX_VELOCITY);
}

export interface Metre {
  ppq: number;
  timeSignature: { numerator: number; denominator: number };
}

/** Ticks in one beat: a quarter in 4/4, an eighth in 6/8. */
export function ticksPerBeat(metre: Metre): number {
  return Math.round((metre.ppq * 4) / metre.timeSignature.denominator);
}

export function ticksPerBar(metre: Metre): number {
  return ticksPerBeat(metre) * metre.timeSignature.numerator;
}

/** Bars:beats:ticks, 1-based bars and beats ("1:1:000" is the start). */
export function formatPosition(tick: number, metre: Metre): string {
  const beat = ticksPerBeat(metre);
  const bar = ticksPerBar(metre);
  const t = Math.max(0, Math.floor(tick));
  const bars = Math.floor(t / bar) + 1;
  const beats = Math.floor((t % bar) / beat) + 1;
  const rest = t % beat;
  return `${bars}:${beats}:${String(rest).padStart(3, '0')}`;
}

export function ticksToSeconds(ticks: number, bpm: number, ppq: number): number {
  return (ticks / ppq) * (60 / bpm);
}

export function secondsToTicks(seconds: number, bpm: number, ppq: number): number {
  return (seconds * bpm * ppq) / 60;
}
