/** The piano roll's notes: the clip's notes, a variation's ghost notes and the velocity lane. */
import type { ClipNote } from '../../../shared/music';
import { type Rect, type ViewState, noteRect, tickToX, velocityToY } from './geometry';
import { pitchName } from './music';
import { noteEnd } from './notes';
import { clip, crisp, roundRect } from './render-canvas';
import { drawVerticalLines } from './render-grid';
import { type Scene, visibleRows, visibleTicks } from './render-scene';
import { THEME, velocityColour } from './render-theme';

/** A note's drawn box: its cell inset by a pixel, so neighbours stay apart. */
function noteBox(view: ViewState, note: ClipNote): Rect {
  const rect = noteRect(view, note);
  return { x: rect.x + 0.5, y: rect.y + 1, w: Math.max(2, rect.w - 1), h: Math.max(2, rect.h - 2) };
}

export function drawNotes(ctx: CanvasRenderingContext2D, scene: Scene): void {
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
export function drawGhosts(ctx: CanvasRenderingContext2D, scene: Scene): void {
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

export function drawVelocityLane(ctx: CanvasRenderingContext2D, scene: Scene): void {
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
