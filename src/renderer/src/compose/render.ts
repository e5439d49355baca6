/**
 * Paints the piano roll onto a 2D canvas: ruler, keyboard, grid, notes, velocity lane, loop range,
 * box-select rectangle and playhead. A pure function of a `Scene`; the component decides when.
 * The painters live in render-grid.ts, render-notes.ts and render-overlays.ts.
 */
import { drawCorner, drawGrid, drawKeyboard } from './render-grid';
import { drawGhosts, drawNotes, drawVelocityLane } from './render-notes';
import { drawMarquee, drawPlayhead, drawRuler } from './render-overlays';
import type { Scene } from './render-scene';
import { THEME } from './render-theme';

export { type Scene, lineSteps, soundingPitches } from './render-scene';
export { THEME, velocityColour } from './render-theme';

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
