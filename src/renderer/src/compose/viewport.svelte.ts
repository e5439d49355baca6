/** Zoom and scroll of the piano roll, clamped to the content; the canvas size comes from a ResizeObserver. */
import { type Layout, type ViewState, computeLayout, pitchToY, tickToX, xToTick, yToPitch } from './geometry';
import { MAX_PITCH, clamp } from './music';

export const MIN_PX_PER_QUARTER = 4;
export const MAX_PX_PER_QUARTER = 480;
export const DEFAULT_PX_PER_QUARTER = 56;
export const MIN_KEY_HEIGHT = 7;
export const MAX_KEY_HEIGHT = 32;
export const DEFAULT_KEY_HEIGHT = 15;
/** One press of a zoom button or one Ctrl+wheel notch. */
export const ZOOM_STEP = 1.25;

export class Viewport {
  width = $state(0);
  height = $state(0);
  pxPerQuarter = $state(DEFAULT_PX_PER_QUARTER);
  keyHeight = $state(DEFAULT_KEY_HEIGHT);
  scrollTick = $state(0);
  scrollY = $state(0);
  /** Ticks the horizontal scroll may reach (the clip plus room to draw past its end). */
  contentTicks = $state(0);
  ppq = $state(480);

  layout: Layout = $derived(computeLayout(this.width, this.height));
  #sized = false;

  constructor(ppq = 480, contentTicks = ppq * 16) {
    this.ppq = ppq;
    this.contentTicks = contentTicks;
  }

  get pxPerTick(): number {
    return this.pxPerQuarter / this.ppq;
  }

  get view(): ViewState {
    return {
      layout: this.layout,
      pxPerTick: this.pxPerTick,
      keyHeight: this.keyHeight,
      scrollTick: this.scrollTick,
      scrollY: this.scrollY,
    };
  }

  /** Ticks visible across the grid. */
  get visibleTicks(): number {
    return this.layout.grid.w / this.pxPerTick;
  }

  get maxScrollTick(): number {
    return Math.max(0, this.contentTicks - this.visibleTicks);
  }

  get maxScrollY(): number {
    return Math.max(0, (MAX_PITCH + 1) * this.keyHeight - this.layout.grid.h);
  }

  /** Highest and lowest pitch with a row (at least partly) in view. */
  get visiblePitches(): { low: number; high: number } {
    const view = this.view;
    const grid = this.layout.grid;
    return {
      high: clamp(yToPitch(view, grid.y), 0, MAX_PITCH),
      low: clamp(yToPitch(view, grid.y + grid.h - 1), 0, MAX_PITCH),
    };
  }

  tickToX(tick: number): number {
    return tickToX(this.view, tick);
  }

  xToTick(x: number): number {
    return xToTick(this.view, x);
  }

  pitchToY(pitch: number): number {
    return pitchToY(this.view, pitch);
  }

  yToPitch(y: number): number {
    return yToPitch(this.view, y);
  }

  /** The canvas' CSS size changed; the first real size centres the view on `centrePitch`. */
  resize(width: number, height: number, centrePitch = 66): void {
    this.width = Math.max(0, width);
    this.height = Math.max(0, height);
    if (!this.#sized && this.layout.grid.h > 0) {
      this.#sized = true;
      this.centreOnPitch(centrePitch);
    }
    this.clampScroll();
  }

  setContentTicks(ticks: number): void {
    this.contentTicks = Math.max(0, ticks);
    this.clampScroll();
  }

  clampScroll(): void {
    this.scrollTick = clamp(this.scrollTick, 0, this.maxScrollTick);
    this.scrollY = clamp(this.scrollY, 0, this.maxScrollY);
  }

  /** Scrolls by CSS pixels (positive: later in time / lower in pitch). */
  scrollBy(dxPx: number, dyPx: number): void {
    this.scrollTick = clamp(this.scrollTick + dxPx / this.pxPerTick, 0, this.maxScrollTick);
    this.scrollY = clamp(this.scrollY + dyPx, 0, this.maxScrollY);
  }

  scrollToTick(tick: number): void {
    this.scrollTick = clamp(tick, 0, this.maxScrollTick);
  }

  /** Puts `pitch`'s row in the middle of the grid. */
  centreOnPitch(pitch: number): void {
    const rowTop = (MAX_PITCH - pitch) * this.keyHeight;
    this.scrollY = clamp(rowTop - (this.layout.grid.h - this.keyHeight) / 2, 0, this.maxScrollY);
  }

  /** Horizontal zoom by `factor`, keeping the tick under `anchorX` (CSS px; default the grid's left edge) in place. */
  zoomX(factor: number, anchorX: number = this.layout.grid.x): void {
    const anchorTick = this.xToTick(anchorX);
    this.pxPerQuarter = clamp(this.pxPerQuarter * factor, MIN_PX_PER_QUARTER, MAX_PX_PER_QUARTER);
    this.scrollTick = clamp(anchorTick - (anchorX - this.layout.grid.x) / this.pxPerTick, 0, this.maxScrollTick);
  }

  /** Vertical zoom by `factor`, keeping the row under `anchorY` (default the grid's middle) in place. */
  zoomY(factor: number, anchorY: number = this.layout.grid.y + this.layout.grid.h / 2): void {
    const offset = anchorY - this.layout.grid.y;
    const contentY = (offset + this.scrollY) / this.keyHeight;
    this.keyHeight = clamp(Math.round(this.keyHeight * factor), MIN_KEY_HEIGHT, MAX_KEY_HEIGHT);
    this.scrollY = clamp(contentY * this.keyHeight - offset, 0, this.maxScrollY);
  }

  /** Scrolls so `tick` is in view, a page at a time (for a moving playhead). */
  follow(tick: number): void {
    const visible = this.visibleTicks;
    if (visible <= 0) return;
    if (tick < this.scrollTick || tick > this.scrollTick + visible * 0.96) this.scrollToTick(tick - visible * 0.04);
  }
}
