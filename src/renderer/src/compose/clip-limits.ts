/**
 * The bounds the clip editor keeps: the shortest clip that holds every note, a loop range inside
 * the clip, and the shortest a note may be resized to.
 */
import type { ClipNote } from '../../../shared/music';
import { ceilTo } from './grid';
import { type Metre, ticksPerBar } from './music';
import { notesEnd } from './notes';

/** The shortest clip that holds every note: whole bars, at least one. */
export function minClipLength(notes: readonly ClipNote[], metre: Metre): number {
  const bar = ticksPerBar(metre);
  return Math.max(bar, ceilTo(notesEnd(notes), bar));
}

/** Pulls the loop back inside the clip after the clip got shorter. */
export function clampLoop(range: { loopStart: number; loopEnd: number; readonly lengthTicks: number }): void {
  if (range.loopEnd > range.lengthTicks) range.loopEnd = range.lengthTicks;
  if (range.loopStart >= range.loopEnd) range.loopStart = 0;
}

/** The shortest a resize leaves a note: a grid step, or (free) a 32nd of a beat. */
export function minDuration(free: boolean, ppq: number, stepTicks: number): number {
  return free ? Math.max(1, Math.round(ppq / 32)) : stepTicks;
}
