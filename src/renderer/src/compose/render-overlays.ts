/** What the piano roll draws over the grid: the box-select rectangle, the ruler (with the loop range), the playhead. */
import { tickToX } from './geometry';
import { clip, crisp, roundRect } from './render-canvas';
import { type Scene, lineSteps, visibleTicks } from './render-scene';
import { THEME } from './render-theme';

export function drawMarquee(ctx: CanvasRenderingContext2D, scene: Scene): void {
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

export function drawRuler(ctx: CanvasRenderingContext2D, scene: Scene): void {
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

export function drawPlayhead(ctx: CanvasRenderingContext2D, scene: Scene): void {
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
