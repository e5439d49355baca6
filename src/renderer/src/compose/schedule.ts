/** Which notes and metronome clicks fall in a stretch of the timeline: pure functions over ticks. */
import type { ClipNote } from '../../../shared/music';

/** Notes whose onset is in [from, to): half-open, so consecutive windows never play a note twice. */
export function notesStartingIn(notes: readonly ClipNote[], from: number, to: number): ClipNote[] {
  return notes.filter((n) => n.tick >= from && n.tick < to);
}

export interface Beat {
  tick: number;
  /** The first beat of a bar. */
  accent: boolean;
}

/** Beat lines in [from, to). */
export function beatsIn(from: number, to: number, beatTicks: number, barTicks: number): Beat[] {
  const beats: Beat[] = [];
  if (beatTicks <= 0) return beats;
  for (let tick = Math.ceil(from / beatTicks) * beatTicks; tick < to; tick += beatTicks) {
    beats.push({ tick, accent: tick % barTicks === 0 });
  }
  return beats;
}
