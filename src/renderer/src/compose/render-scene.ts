/**
 * What the piano-roll painters draw from: the `Scene`, and what it shows of the clip (the visible
 * rows and ticks, the spacing of the vertical lines, the pitches sounding under the playhead).
 */
import type { ClipNote } from '../../../shared/music';
import type { Rect, ViewState } from './geometry';
import { MAX_PITCH, type MusicalKey } from './music';
import { noteEnd } from './notes';

export interface Scene {
  view: ViewState;
  notes: readonly ClipNote[];
  /** Notes drawn as dashed outlines over the clip (a variation being looked at). */
  ghosts?: readonly ClipNote[];
  selection: ReadonlySet<string>;
  ppq: number;
  beatTicks: number;
  barTicks: number;
  /** Snap step for the faint sub-beat lines; null when snap is off. */
  gridTicks: number | null;
  key: MusicalKey | null;
  lengthTicks: number;
  loopStart: number;
  loopEnd: number;
  looping: boolean;
  playhead: number;
  playing: boolean;
  marquee: Rect | null;
  pressedKey: number | null;
  hoverPitch: number | null;
  /** Pitches sounding under the playhead while playing, lit on the keyboard. */
  sounding: ReadonlySet<number>;
  /** Device pixels per CSS pixel. */
  dpr: number;
  font: string;
}

/** Pitches of the notes under `tick` (for lighting keys while playing). */
export function soundingPitches(notes: readonly ClipNote[], tick: number): ReadonlySet<number> {
  const pitches: number[] = [];
  for (const note of notes) if (note.tick <= tick && tick < noteEnd(note)) pitches.push(note.pitch);
  return new Set(pitches);
}

/** Visible pitch range, top row first. */
export function visibleRows(scene: Scene): { high: number; low: number } {
  const { grid } = scene.view.layout;
  const { keyHeight, scrollY } = scene.view;
  const high = Math.min(MAX_PITCH, MAX_PITCH - Math.floor(scrollY / keyHeight));
  const low = Math.max(0, MAX_PITCH - Math.floor((scrollY + grid.h) / keyHeight));
  return { high, low };
}

/** The spacing of vertical lines so they stay at least `minPx` apart: sub-beats, beats, bars or groups of bars. */
export function lineSteps(
  scene: Pick<Scene, 'beatTicks' | 'barTicks' | 'gridTicks' | 'ppq'>,
  pxPerTick: number,
): { sub: number | null; beat: number | null; bar: number } {
  const sub = scene.gridTicks ?? Math.round(scene.ppq / 4);
  const subOk = sub * pxPerTick >= 7 && sub < scene.beatTicks;
  const beatOk = scene.beatTicks * pxPerTick >= 9;
  let bar = scene.barTicks;
  while (bar * pxPerTick < 28) bar *= 2;
  return { sub: subOk ? sub : null, beat: beatOk ? scene.beatTicks : null, bar };
}

export function visibleTicks(scene: Scene, rect: Rect): { from: number; to: number } {
  const { pxPerTick, scrollTick } = scene.view;
  return { from: scrollTick, to: scrollTick + rect.w / pxPerTick };
}
