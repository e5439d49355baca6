/**
 * The piano roll's background: the note grid (rows, bar and beat lines, loop shading, the space
 * past the clip's end), the keyboard beside it and the corner above the keyboard.
 */
import { pitchToY, tickToX, type Rect } from './geometry';
import { MAX_PITCH, inScale, isBlackKey, pitchClass, pitchName } from './music';
import { clip, crisp, roundRect } from './render-canvas';
import { type Scene, lineSteps, visibleRows, visibleTicks } from './render-scene';
import { THEME } from './render-theme';

export function drawVerticalLines(ctx: CanvasRenderingContext2D, scene: Scene, rect: Rect, strong = 1): void {
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

export function drawGrid(ctx: CanvasRenderingContext2D, scene: Scene): void {
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

export function drawKeyboard(ctx: CanvasRenderingContext2D, scene: Scene): void {
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

export function drawCorner(ctx: CanvasRenderingContext2D, scene: Scene): void {
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
