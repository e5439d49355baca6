/**
 * Paints the piano roll onto a 2D canvas: ruler, keyboard, grid, notes, velocity lane, loop range,
 * box-select rectangle and playhead. A pure function of a `Scene`; the component decides when.
 */
import type { ClipNote } from '../../../shared/music';
import { type Rect, type ViewState, noteRect, pitchToY, tickToX, velocityToY } from './geometry';
import { MAX_PITCH, MAX_VELOCITY, type MusicalKey, inScale, isBlackKey, pitchClass, pitchName } from './music';
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

export const THEME = {
  bg: '#141417',
  rowWhite: '#1c1c20',
  rowBlack: '#18181b',
  rowInScale: '#1f1f24',
  rowOutScale: '#161619',
  rowTonic: 'rgba(244, 163, 64, 0.07)',
  rowLine: '#222227',
  octaveLine: '#2e2e35',
  subLine: 'rgba(255, 255, 255, 0.045)',
  beatLine: 'rgba(255, 255, 255, 0.075)',
  barLine: 'rgba(255, 255, 255, 0.16)',
  pastEnd: 'rgba(6, 6, 8, 0.42)',
  endLine: 'rgba(255, 255, 255, 0.2)',
  ruler: '#1a1a1e',
  rulerText: '#a6a29c',
  rulerFaint: '#5f5b57',
  border: '#2a2a30',
  keyWhite: '#d7d3cd',
  keyWhiteEdge: '#a9a49d',
  keyBlack: '#232328',
  keyBlackTop: '#34343b',
  keyLabel: '#6f6a64',
  keyPressed: '#f4a340',
  keyHover: '#f1e7da',
  accent: '#f4a340',
  accentStrong: '#ffb55c',
  accentInk: '#1c1206',
  loopOn: 'rgba(244, 163, 64, 0.85)',
  loopOff: '#45454d',
  loopShadeOn: 'rgba(244, 163, 64, 0.045)',
  selectedOutline: '#fff4e4',
  lane: '#161619',
  laneGuide: 'rgba(255, 255, 255, 0.045)',
  laneText: '#726e69',
  marqueeFill: 'rgba(244, 163, 64, 0.09)',
  marqueeStroke: 'rgba(244, 163, 64, 0.85)',
  playhead: '#ffcf8a',
  ghostFill: 'rgba(121, 168, 230, 0.16)',
  ghostStroke: 'rgba(150, 190, 245, 0.9)',
} as const;

/** Pitches of the notes under `tick` (for lighting keys while playing). */
export function soundingPitches(notes: readonly ClipNote[], tick: number): ReadonlySet<number> {
  const pitches: number[] = [];
  for (const note of notes) if (note.tick <= tick && tick < noteEnd(note)) pitches.push(note.pitch);
  return new Set(pitches);
}

/** Note colour for a velocity: dim, muted amber when soft, bright warm amber when loud. */
export function velocityColour(velocity: number, selected = false): string {
  const v = Math.min(1, Math.max(0, velocity / MAX_VELOCITY));
  const hue = 26 + v * 8;
  const saturation = 34 + v * 60;
  const lightness = 28 + v * 34 + (selected ? 8 : 0);
  return `hsl(${hue.toFixed(1)} ${saturation.toFixed(1)}% ${Math.min(84, lightness).toFixed(1)}%)`;
}

export function drawPianoRoll(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { layout } = scene.view;
  ctx.setTransform(scene.dpr, 0, 0, scene.dpr, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.fillStyle = THEME.bg;
  ctx.fillRect(0, 0, layout.width, layout.height);
  if (layout.grid.w <= 0 || layout.grid.h <= 0) return;

  drawGrid(ctx, scene);
  drawNotes(ctx, scene);
  drawGhosts(ctx, scene);
  drawMarquee(ctx, scene);
  drawVelocityLane(ctx, scene);
  drawRuler(ctx, scene);
  drawKeyboard(ctx, scene);
  drawCorner(ctx, scene);
  drawPlayhead(ctx, scene);
}

function clip(ctx: CanvasRenderingContext2D, rect: Rect): void {
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.w, rect.h);
  ctx.clip();
}

function crisp(x: number): number {
  return Math.round(x) + 0.5;
}

/** Visible pitch range, top row first. */
function visibleRows(scene: Scene): { high: number; low: number } {
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

function visibleTicks(scene: Scene, rect: Rect): { from: number; to: number } {
  const { pxPerTick, scrollTick } = scene.view;
  return { from: scrollTick, to: scrollTick + rect.w / pxPerTick };
}

function drawVerticalLines(ctx: CanvasRenderingContext2D, scene: Scene, rect: Rect, strong = 1): void {
  const { view } = scene;
  const steps = lineSteps(scene, view.pxPerTick);
  const { from, to } = visibleTicks(scene, rect);
  const pass = (step: number | null, colour: string, skip: (tick: number) => boolean): void => {
    if (step === null) return;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    for (let tick = Math.floor(from / step) * step; tick <= to; tick += step) {
      if (skip(tick)) continue;
      const x = crisp(tickToX(view, tick));
      ctx.moveTo(x, rect.y);
      ctx.lineTo(x, rect.y + rect.h);
    }
    ctx.stroke();
  };
  ctx.lineWidth = 1;
  ctx.globalAlpha = strong;
  pass(steps.sub, THEME.subLine, (t) => (steps.beat !== null && t % scene.beatTicks === 0) || t % scene.barTicks === 0);
  pass(steps.beat, THEME.beatLine, (t) => t % scene.barTicks === 0);
  pass(steps.bar, THEME.barLine, () => false);
  ctx.globalAlpha = 1;
}

function drawGrid(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view, key } = scene;
  const { grid } = view.layout;
  ctx.save();
  clip(ctx, grid);
  const { high, low } = visibleRows(scene);
  for (let pitch = high; pitch >= low; pitch--) {
    const y = pitchToY(view, pitch);
    let fill: string = isBlackKey(pitch) ? THEME.rowBlack : THEME.rowWhite;
    if (key) fill = inScale(pitch, key) ? THEME.rowInScale : THEME.rowOutScale;
    ctx.fillStyle = fill;
    ctx.fillRect(grid.x, y, grid.w, view.keyHeight);
    if (key && pitchClass(pitch - key.tonic) === 0) {
      ctx.fillStyle = THEME.rowTonic;
      ctx.fillRect(grid.x, y, grid.w, view.keyHeight);
    }
    if (scene.hoverPitch === pitch) {
      ctx.fillStyle = 'rgba(255, 255, 255, 0.025)';
      ctx.fillRect(grid.x, y, grid.w, view.keyHeight);
    }
  }
  // Row separators; a stronger one under each C (between B and C).
  ctx.lineWidth = 1;
  for (let pitch = high; pitch >= low; pitch--) {
    const yBottom = crisp(pitchToY(view, pitch) + view.keyHeight - 1);
    ctx.strokeStyle = pitchClass(pitch) === 0 ? THEME.octaveLine : THEME.rowLine;
    ctx.beginPath();
    ctx.moveTo(grid.x, yBottom);
    ctx.lineTo(grid.x + grid.w, yBottom);
    ctx.stroke();
  }
  if (scene.looping && scene.loopEnd > scene.loopStart) {
    const x0 = tickToX(view, scene.loopStart);
    const x1 = tickToX(view, scene.loopEnd);
    ctx.fillStyle = THEME.loopShadeOn;
    ctx.fillRect(x0, grid.y, x1 - x0, grid.h);
  }
  drawVerticalLines(ctx, scene, grid);
  // Past the end of the clip.
  const endX = tickToX(view, scene.lengthTicks);
  if (endX < grid.x + grid.w) {
    ctx.fillStyle = THEME.pastEnd;
    ctx.fillRect(Math.max(grid.x, endX), grid.y, grid.x + grid.w - Math.max(grid.x, endX), grid.h);
    ctx.strokeStyle = THEME.endLine;
    ctx.beginPath();
    ctx.moveTo(crisp(endX), grid.y);
    ctx.lineTo(crisp(endX), grid.y + grid.h);
    ctx.stroke();
  }
  ctx.restore();
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}

/** A note's drawn box: its cell inset by a pixel, so neighbours stay apart. */
function noteBox(view: ViewState, note: ClipNote): Rect {
  const rect = noteRect(view, note);
  return { x: rect.x + 0.5, y: rect.y + 1, w: Math.max(2, rect.w - 1), h: Math.max(2, rect.h - 2) };
}

function drawNotes(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view } = scene;
  const { grid } = view.layout;
  ctx.save();
  clip(ctx, grid);
  const { from, to } = visibleTicks(scene, grid);
  const { high, low } = visibleRows(scene);
  const visible = scene.notes.filter(
    (n) => n.tick <= to && noteEnd(n) >= from && n.pitch <= high + 1 && n.pitch >= low - 1,
  );
  // Unselected first, selected on top.
  const ordered = [
    ...visible.filter((n) => !scene.selection.has(n.id)),
    ...visible.filter((n) => scene.selection.has(n.id)),
  ];
  ctx.font = `600 ${Math.min(10.5, Math.max(8.5, view.keyHeight - 5))}px ${scene.font}`;
  ctx.textBaseline = 'middle';
  for (const note of ordered) {
    const selected = scene.selection.has(note.id);
    const { x, y, w, h } = noteBox(view, note);
    roundRect(ctx, x, y, w, h, 3);
    ctx.fillStyle = velocityColour(note.velocity, selected);
    ctx.fill();
    // A soft top highlight gives the note some body.
    ctx.save();
    ctx.clip();
    ctx.fillStyle = 'rgba(255, 255, 255, 0.14)';
    ctx.fillRect(x, y, w, 1);
    ctx.fillStyle = 'rgba(0, 0, 0, 0.16)';
    ctx.fillRect(x, y + h - 1, w, 1);
    ctx.restore();
    ctx.lineWidth = selected ? 1.5 : 1;
    ctx.strokeStyle = selected ? THEME.selectedOutline : 'rgba(0, 0, 0, 0.45)';
    roundRect(ctx, x, y, w, h, 3);
    ctx.stroke();
    if (w > 30 && h >= 10) {
      ctx.fillStyle = 'rgba(28, 18, 6, 0.78)';
      ctx.fillText(pitchName(note.pitch), x + 5, y + h / 2 + 0.5, w - 8);
    }
    // Resize grip at the right edge of longer notes.
    if (w > 18 && h >= 9) {
      ctx.fillStyle = 'rgba(28, 18, 6, 0.28)';
      ctx.fillRect(x + w - 4, y + 3, 1, h - 6);
    }
  }
  ctx.restore();
}

/** A variation being looked at: dashed blue outlines over the clip, so both stay readable. */
function drawGhosts(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const ghosts = scene.ghosts ?? [];
  if (ghosts.length === 0) return;
  const { view } = scene;
  ctx.save();
  clip(ctx, view.layout.grid);
  const { from, to } = visibleTicks(scene, view.layout.grid);
  ctx.setLineDash([3, 2]);
  ctx.lineWidth = 1.25;
  for (const note of ghosts) {
    if (note.tick > to || noteEnd(note) < from) continue;
    const { x, y, w, h } = noteBox(view, note);
    roundRect(ctx, x, y, w, h, 3);
    ctx.fillStyle = THEME.ghostFill;
    ctx.fill();
    ctx.strokeStyle = THEME.ghostStroke;
    ctx.stroke();
  }
  ctx.restore();
}

function drawMarquee(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const box = scene.marquee;
  if (!box) return;
  ctx.save();
  clip(ctx, scene.view.layout.grid);
  ctx.fillStyle = THEME.marqueeFill;
  ctx.fillRect(box.x, box.y, box.w, box.h);
  ctx.strokeStyle = THEME.marqueeStroke;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.strokeRect(crisp(box.x), crisp(box.y), Math.round(box.w), Math.round(box.h));
  ctx.restore();
}

function drawVelocityLane(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view } = scene;
  const { velocity: lane, velocityLabel, grid } = view.layout;
  if (lane.h <= 0) return;
  // Divider between grid and lane.
  ctx.fillStyle = '#111113';
  ctx.fillRect(0, grid.y + grid.h, view.layout.width, lane.y - (grid.y + grid.h));
  ctx.fillStyle = THEME.border;
  ctx.fillRect(0, lane.y - 1, view.layout.width, 1);

  ctx.save();
  clip(ctx, lane);
  ctx.fillStyle = THEME.lane;
  ctx.fillRect(lane.x, lane.y, lane.w, lane.h);
  ctx.strokeStyle = THEME.laneGuide;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const v of [32, 64, 96, 127]) {
    const y = crisp(velocityToY(lane, v));
    ctx.moveTo(lane.x, y);
    ctx.lineTo(lane.x + lane.w, y);
  }
  ctx.stroke();
  drawVerticalLines(ctx, scene, lane, 0.6);
  const { from, to } = visibleTicks(scene, lane);
  const visible = scene.notes.filter((n) => n.tick >= from - scene.ppq && n.tick <= to);
  const ordered = [
    ...visible.filter((n) => !scene.selection.has(n.id)),
    ...visible.filter((n) => scene.selection.has(n.id)),
  ];
  const base = lane.y + lane.h - 2;
  for (const note of ordered) {
    const selected = scene.selection.has(note.id);
    const x = Math.round(tickToX(view, note.tick));
    const top = velocityToY(lane, note.velocity);
    ctx.fillStyle = velocityColour(note.velocity, selected);
    ctx.globalAlpha = selected || scene.selection.size === 0 ? 1 : 0.55;
    ctx.fillRect(x, top, 2, base - top);
    roundRect(ctx, x - 3, top - 2, 8, 5, 2);
    ctx.fill();
    if (selected) {
      ctx.strokeStyle = THEME.selectedOutline;
      ctx.lineWidth = 1;
      roundRect(ctx, x - 3, top - 2, 8, 5, 2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  ctx.restore();

  // Label cell.
  ctx.fillStyle = THEME.ruler;
  ctx.fillRect(velocityLabel.x, velocityLabel.y, velocityLabel.w, velocityLabel.h);
  ctx.fillStyle = THEME.border;
  ctx.fillRect(velocityLabel.x + velocityLabel.w - 1, velocityLabel.y, 1, velocityLabel.h);
  ctx.fillStyle = THEME.laneText;
  ctx.font = `600 9px ${scene.font}`;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('VELOCITY', velocityLabel.x + 8, velocityLabel.y + velocityLabel.h - 8);
  ctx.font = `10px ${scene.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillStyle = THEME.rulerFaint;
  ctx.fillText('127', velocityLabel.x + velocityLabel.w - 7, velocityToY(lane, 127));
  ctx.fillText('64', velocityLabel.x + velocityLabel.w - 7, velocityToY(lane, 64));
  ctx.textAlign = 'left';
}

function drawRuler(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view } = scene;
  const { ruler } = view.layout;
  ctx.save();
  clip(ctx, ruler);
  ctx.fillStyle = THEME.ruler;
  ctx.fillRect(ruler.x, ruler.y, ruler.w, ruler.h);

  // Loop range: a band along the top.
  if (scene.loopEnd > scene.loopStart) {
    const x0 = tickToX(view, scene.loopStart);
    const x1 = tickToX(view, scene.loopEnd);
    const colour = scene.looping ? THEME.loopOn : THEME.loopOff;
    if (scene.looping) {
      ctx.fillStyle = 'rgba(244, 163, 64, 0.1)';
      ctx.fillRect(x0, ruler.y, x1 - x0, ruler.h);
    }
    // A brace: a thin bar with a bracket at each end (the grab handles).
    ctx.fillStyle = colour;
    ctx.fillRect(x0, ruler.y + 3, Math.max(2, x1 - x0), 3);
    roundRect(ctx, x0, ruler.y + 2, 4, 10, 1.5);
    ctx.fill();
    roundRect(ctx, x1 - 4, ruler.y + 2, 4, 10, 1.5);
    ctx.fill();
  }

  const steps = lineSteps(scene, view.pxPerTick);
  const { from, to } = visibleTicks(scene, ruler);
  ctx.strokeStyle = THEME.rulerFaint;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const tickStep = steps.beat ?? steps.bar;
  for (let tick = Math.floor(from / tickStep) * tickStep; tick <= to; tick += tickStep) {
    const x = crisp(tickToX(view, tick));
    const isBar = tick % scene.barTicks === 0;
    ctx.moveTo(x, ruler.y + ruler.h - (isBar ? 12 : 5));
    ctx.lineTo(x, ruler.y + ruler.h);
  }
  ctx.stroke();

  ctx.font = `600 11px ${scene.font}`;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = THEME.rulerText;
  for (let tick = Math.floor(from / steps.bar) * steps.bar; tick <= to; tick += steps.bar) {
    const x = tickToX(view, tick);
    ctx.fillText(String(tick / scene.barTicks + 1), x + 4, ruler.y + ruler.h - 10);
  }
  // Beat numbers when there is room.
  if (scene.beatTicks * view.pxPerTick >= 56) {
    ctx.font = `10.5px ${scene.font}`;
    ctx.fillStyle = THEME.rulerFaint;
    for (let tick = Math.floor(from / scene.beatTicks) * scene.beatTicks; tick <= to; tick += scene.beatTicks) {
      if (tick % scene.barTicks === 0) continue;
      const bar = Math.floor(tick / scene.barTicks) + 1;
      const beat = Math.floor((tick % scene.barTicks) / scene.beatTicks) + 1;
      ctx.fillText(`${bar}.${beat}`, tickToX(view, tick) + 4, ruler.y + ruler.h - 8);
    }
  }
  // End of clip marker.
  const endX = tickToX(view, scene.lengthTicks);
  ctx.fillStyle = THEME.pastEnd;
  if (endX < ruler.x + ruler.w)
    ctx.fillRect(Math.max(ruler.x, endX), ruler.y + 11, ruler.x + ruler.w - Math.max(ruler.x, endX), ruler.h - 11);
  ctx.restore();
  ctx.fillStyle = THEME.border;
  ctx.fillRect(ruler.x, ruler.y + ruler.h - 1, ruler.w, 1);
}

function drawKeyboard(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view } = scene;
  const { keyboard } = view.layout;
  const kh = view.keyHeight;
  ctx.save();
  clip(ctx, keyboard);
  ctx.fillStyle = THEME.keyWhite;
  ctx.fillRect(keyboard.x, keyboard.y, keyboard.w, keyboard.h);
  const { high, low } = visibleRows(scene);
  const top = Math.min(MAX_PITCH, high + 1);
  const bottom = Math.max(0, low - 1);
  // White keys: each spans its row plus half of any black neighbour, separated by fine lines.
  for (let pitch = top; pitch >= bottom; pitch--) {
    if (isBlackKey(pitch)) continue;
    const above = pitch + 1 <= MAX_PITCH && isBlackKey(pitch + 1) ? kh / 2 : 0;
    const below = pitch - 1 >= 0 && isBlackKey(pitch - 1) ? kh / 2 : 0;
    const y0 = pitchToY(view, pitch) - above;
    const y1 = pitchToY(view, pitch) + kh + below;
    const lit =
      scene.pressedKey === pitch || scene.sounding.has(pitch)
        ? THEME.keyPressed
        : scene.hoverPitch === pitch
          ? THEME.keyHover
          : null;
    if (lit) {
      ctx.fillStyle = lit;
      ctx.fillRect(keyboard.x, y0, keyboard.w - 1, y1 - y0);
    }
    ctx.fillStyle = THEME.keyWhiteEdge;
    ctx.fillRect(keyboard.x, Math.round(y1) - 1, keyboard.w, 1);
  }
  // Black keys on top.
  const blackW = Math.round(keyboard.w * 0.6);
  for (let pitch = top; pitch >= bottom; pitch--) {
    if (!isBlackKey(pitch)) continue;
    const y = pitchToY(view, pitch);
    const pressed = scene.pressedKey === pitch || scene.sounding.has(pitch);
    ctx.fillStyle = pressed ? THEME.keyPressed : THEME.keyBlack;
    roundRect(ctx, keyboard.x - 3, y + 0.5, blackW + 3, kh - 1, 2);
    ctx.fill();
    if (!pressed) {
      ctx.fillStyle = scene.hoverPitch === pitch ? '#4a4a52' : THEME.keyBlackTop;
      ctx.fillRect(keyboard.x, y + 1.5, blackW - 4, Math.max(1, kh - 4));
    }
  }
  // Octave labels on the C keys.
  ctx.font = `600 ${Math.min(10, Math.max(8, kh - 4))}px ${scene.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let pitch = top; pitch >= bottom; pitch--) {
    if (pitchClass(pitch) !== 0 && !(kh >= 18 && !isBlackKey(pitch))) continue;
    const y = pitchToY(view, pitch) + kh / 2;
    ctx.fillStyle =
      pitchClass(pitch) === 0 ? (scene.pressedKey === pitch ? THEME.accentInk : '#57534e') : THEME.keyLabel;
    ctx.fillText(pitchName(pitch), keyboard.x + keyboard.w - 6, y + 0.5);
  }
  ctx.textAlign = 'left';
  ctx.restore();
  ctx.fillStyle = '#0d0d0f';
  ctx.fillRect(keyboard.x + keyboard.w - 1, keyboard.y, 1, keyboard.h);
}

function drawCorner(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { ruler, keyboard } = scene.view.layout;
  ctx.fillStyle = THEME.ruler;
  ctx.fillRect(0, 0, keyboard.w, ruler.h);
  ctx.fillStyle = THEME.border;
  ctx.fillRect(0, ruler.h - 1, keyboard.w, 1);
  ctx.fillRect(keyboard.w - 1, 0, 1, ruler.h);
  if (scene.hoverPitch !== null && scene.hoverPitch >= 0 && scene.hoverPitch <= MAX_PITCH) {
    ctx.fillStyle = THEME.rulerText;
    ctx.font = `600 11px ${scene.font}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(pitchName(scene.hoverPitch), 10, ruler.h / 2);
  }
}

function drawPlayhead(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view } = scene;
  const { grid, ruler, velocity } = view.layout;
  const x = tickToX(view, scene.playhead);
  if (x < grid.x - 1 || x > grid.x + grid.w + 1) return;
  const px = crisp(x);
  ctx.save();
  ctx.strokeStyle = scene.playing ? THEME.playhead : 'rgba(255, 207, 138, 0.7)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(px, ruler.y + 10);
  ctx.lineTo(px, velocity.y + velocity.h);
  ctx.stroke();
  ctx.fillStyle = THEME.playhead;
  ctx.beginPath();
  ctx.moveTo(px - 5, ruler.y + ruler.h - 11);
  ctx.lineTo(px + 5, ruler.y + ruler.h - 11);
  ctx.lineTo(px, ruler.y + ruler.h - 4);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
