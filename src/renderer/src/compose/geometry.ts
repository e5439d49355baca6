/**
 * Where things are on the piano-roll canvas: the regions, and the mapping between CSS pixels and
 * ticks, pitches and velocities. Pure functions of a plain view description, so they are easy to test.
 */
import type { ClipNote } from '../../../shared/music';
import { MAX_PITCH, MAX_VELOCITY, MIN_VELOCITY, clamp } from './music';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  width: number;
  height: number;
  /** Piano keys, left of the grid. */
  keyboard: Rect;
  /** Bar/beat ruler with the loop range, above the grid. */
  ruler: Rect;
  grid: Rect;
  /** Velocity bars, below the grid, sharing its x axis. */
  velocity: Rect;
  /** Label cell left of the velocity lane. */
  velocityLabel: Rect;
}

export const KEYBOARD_WIDTH = 68;
export const RULER_HEIGHT = 32;
export const VELOCITY_HEIGHT = 96;
/** Gap between the grid and the velocity lane (a divider). */
export const LANE_GAP = 8;
/** How close to a note's right edge (CSS px) a press resizes instead of moving. */
export const RESIZE_HANDLE_PX = 7;
/** Room at the top of the velocity lane above a full-velocity bar. */
export const VELOCITY_PAD = 10;

export function computeLayout(width: number, height: number): Layout {
  const w = Math.max(0, width);
  const h = Math.max(0, height);
  const gridW = Math.max(0, w - KEYBOARD_WIDTH);
  const velocityH = Math.min(VELOCITY_HEIGHT, Math.max(0, h - RULER_HEIGHT - LANE_GAP) / 3);
  const gridH = Math.max(0, h - RULER_HEIGHT - LANE_GAP - velocityH);
  const velocityY = RULER_HEIGHT + gridH + LANE_GAP;
  return {
    width: w,
    height: h,
    keyboard: { x: 0, y: RULER_HEIGHT, w: KEYBOARD_WIDTH, h: gridH },
    ruler: { x: KEYBOARD_WIDTH, y: 0, w: gridW, h: RULER_HEIGHT },
    grid: { x: KEYBOARD_WIDTH, y: RULER_HEIGHT, w: gridW, h: gridH },
    velocity: { x: KEYBOARD_WIDTH, y: velocityY, w: gridW, h: velocityH },
    velocityLabel: { x: 0, y: velocityY, w: KEYBOARD_WIDTH, h: velocityH },
  };
}

/** What the mapping needs: the layout, the zoom and the scroll position. */
export interface ViewState {
  layout: Layout;
  /** Horizontal zoom. */
  pxPerTick: number;
  /** Height of one pitch row in CSS px (vertical zoom). */
  keyHeight: number;
  /** Tick at the grid's left edge. */
  scrollTick: number;
  /** Pixels scrolled down from the top of the highest pitch row (127). */
  scrollY: number;
}

export type Region = 'keyboard' | 'ruler' | 'grid' | 'velocity' | 'none';

export function contains(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
}

export function regionAt(layout: Layout, x: number, y: number): Region {
  if (contains(layout.grid, x, y)) return 'grid';
  if (contains(layout.ruler, x, y)) return 'ruler';
  if (contains(layout.keyboard, x, y)) return 'keyboard';
  if (contains(layout.velocity, x, y)) return 'velocity';
  return 'none';
}

export function tickToX(view: ViewState, tick: number): number {
  return view.layout.grid.x + (tick - view.scrollTick) * view.pxPerTick;
}

export function xToTick(view: ViewState, x: number): number {
  return view.scrollTick + (x - view.layout.grid.x) / view.pxPerTick;
}

/** Top edge (CSS px) of a pitch's row. */
export function pitchToY(view: ViewState, pitch: number): number {
  return view.layout.grid.y + (MAX_PITCH - pitch) * view.keyHeight - view.scrollY;
}

/** The pitch whose row contains `y` (not clamped: rows above 127 or below 0 give out-of-range pitches). */
export function yToPitch(view: ViewState, y: number): number {
  return MAX_PITCH - Math.floor((y - view.layout.grid.y + view.scrollY) / view.keyHeight);
}

/** Height of the velocity bar area inside the lane. */
function velocityRange(lane: Rect): number {
  return Math.max(1, lane.h - VELOCITY_PAD - 2);
}

export function velocityToY(lane: Rect, velocity: number): number {
  return lane.y + lane.h - 2 - (velocity / MAX_VELOCITY) * velocityRange(lane);
}

export function yToVelocity(lane: Rect, y: number): number {
  const fraction = (lane.y + lane.h - 2 - y) / velocityRange(lane);
  return clamp(Math.round(fraction * MAX_VELOCITY), MIN_VELOCITY, MAX_VELOCITY);
}

export interface NoteRect extends Rect {
  note: ClipNote;
}

export function noteRect(view: ViewState, note: ClipNote): NoteRect {
  const x = tickToX(view, note.tick);
  const w = Math.max(2, note.durationTicks * view.pxPerTick);
  return { note, x, y: pitchToY(view, note.pitch), w, h: view.keyHeight };
}

export interface NoteHit {
  note: ClipNote;
  /** 'end' when the press is on the resize handle at the right edge. */
  part: 'body' | 'end';
}

/**
 * The note under (x, y), preferring the one drawn on top (selected notes, then later notes), and
 * whether the press is on its right-edge resize handle.
 */
export function hitNote(
  view: ViewState,
  notes: readonly ClipNote[],
  selected: ReadonlySet<string>,
  x: number,
  y: number,
): NoteHit | null {
  const pitch = yToPitch(view, y);
  let best: NoteHit | null = null;
  let bestRank = -1;
  for (let index = 0; index < notes.length; index++) {
    const note = notes[index] as ClipNote;
    if (note.pitch !== pitch) continue;
    const rect = noteRect(view, note);
    if (x < rect.x || x >= rect.x + rect.w) continue;
    const rank = (selected.has(note.id) ? notes.length : 0) + index;
    if (rank <= bestRank) continue;
    bestRank = rank;
    const handle = Math.min(RESIZE_HANDLE_PX, rect.w / 3);
    best = { note, part: x >= rect.x + rect.w - handle ? 'end' : 'body' };
  }
  return best;
}

/** Notes whose rectangle meets the tick range [tickA, tickB] × pitch range [pitchA, pitchB] (any order). */
export function notesInBox(
  notes: readonly ClipNote[],
  tickA: number,
  tickB: number,
  pitchA: number,
  pitchB: number,
): ClipNote[] {
  const t0 = Math.min(tickA, tickB);
  const t1 = Math.max(tickA, tickB);
  const p0 = Math.min(pitchA, pitchB);
  const p1 = Math.max(pitchA, pitchB);
  return notes.filter((n) => n.pitch >= p0 && n.pitch <= p1 && n.tick <= t1 && n.tick + n.durationTicks >= t0);
}

/** Notes whose velocity bar (drawn at the onset) is within `slopPx` of x in the velocity lane. */
export function velocityBarsAt(view: ViewState, notes: readonly ClipNote[], x: number, slopPx = 4): ClipNote[] {
  return notes.filter((note) => Math.abs(tickToX(view, note.tick) - x) <= slopPx);
}
