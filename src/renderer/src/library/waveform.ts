/**
 * Waveform peaks on the studio side: a bounded cache with in-flight de-duplication (a grid of
 * cards asks for the same item more than once while scrolling), and the reduction of stored
 * peaks (per channel, min/max pairs) to a few bars for a thumbnail.
 */
import type { Waveform } from '../../../shared/catalogue';

export interface Bar {
  min: number;
  max: number;
}

/**
 * Folds the channels together and reduces the buckets to `count` bars (min of mins, max of
 * maxes), optionally scaled so the loudest bar reaches ±1 (quiet clips stay readable).
 */
export function waveformBars(peaks: readonly (readonly number[])[], count: number, normalize = true): Bar[] {
  const buckets = Math.min(...peaks.map((channel) => Math.floor(channel.length / 2)));
  if (!Number.isFinite(buckets) || buckets <= 0 || count <= 0) return [];
  const bars = Math.min(count, buckets);
  const out: Bar[] = [];
  let loudest = 0;
  for (let b = 0; b < bars; b++) {
    const start = Math.floor((b * buckets) / bars);
    const end = Math.max(start + 1, Math.floor(((b + 1) * buckets) / bars));
    let min = 0;
    let max = 0;
    for (const channel of peaks) {
      for (let i = start; i < end; i++) {
        const lo = channel[i * 2] ?? 0;
        const hi = channel[i * 2 + 1] ?? 0;
        if (lo < min) min = lo;
        if (hi > max) max = hi;
      }
    }
    loudest = Math.max(loudest, -min, max);
    out.push({ min, max });
  }
  if (!normalize || loudest <= 0) return out;
  return out.map(({ min, max }) => ({ min: min / loudest, max: max / loudest }));
}

export class WaveformCache {
  readonly #load: (id: number) => Promise<Waveform | null>;
  readonly #max: number;
  readonly #done = new Map<number, Waveform | null>();
  readonly #pending = new Map<number, Promise<Waveform | null>>();

  constructor(load: (id: number) => Promise<Waveform | null>, max = 200) {
    this.#load = load;
    this.#max = Math.max(1, max);
  }

  get size(): number {
    return this.#done.size;
  }

  /** The cached waveform (null: the item has none), or undefined when not loaded yet. */
  peek(id: number): Waveform | null | undefined {
    return this.#done.get(id);
  }

  /** Loads once; concurrent callers share the request. A failed load is not cached. */
  get(id: number): Promise<Waveform | null> {
    if (this.#done.has(id)) {
      const value = this.#done.get(id) ?? null;
      this.#done.delete(id);
      this.#done.set(id, value);
      return Promise.resolve(value);
    }
    const pending = this.#pending.get(id);
    if (pending) return pending;
    const request = this.#load(id)
      .then((waveform) => {
        this.#done.set(id, waveform);
        for (const key of this.#done.keys()) {
          if (this.#done.size <= this.#max) break;
          this.#done.delete(key);
        }
        return waveform;
      })
      .finally(() => this.#pending.delete(id));
    this.#pending.set(id, request);
    return request;
  }

  forget(id: number): void {
    this.#done.delete(id);
  }

  clear(): void {
    this.#done.clear();
  }
}

/** Draws mirrored bars centred vertically; `ctx` is already scaled to CSS pixels. */
export function drawBars(
  ctx: Pick<CanvasRenderingContext2D, 'clearRect' | 'fillRect' | 'fillStyle'>,
  bars: readonly Bar[],
  width: number,
  height: number,
  color: string,
  barWidth = 2,
  barGap = 1,
): void {
  ctx.clearRect(0, 0, width, height);
  if (bars.length === 0 || width <= 0 || height <= 0) return;
  ctx.fillStyle = color;
  const mid = height / 2;
  const pitch = width / bars.length;
  const w = Math.max(1, Math.min(barWidth, pitch - barGap));
  bars.forEach((bar, i) => {
    const top = Math.max(0.5, -bar.min * mid);
    const bottom = Math.max(0.5, bar.max * mid);
    ctx.fillRect(i * pitch + (pitch - w) / 2, mid - bottom, w, top + bottom);
  });
}

/** How many bars fit a thumbnail of `width` CSS pixels at one bar per `pitch` pixels. */
export function barCountFor(width: number, pitch = 3): number {
  return Math.max(0, Math.floor(width / pitch));
}
