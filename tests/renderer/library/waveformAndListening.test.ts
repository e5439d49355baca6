import { describe, expect, it } from 'vitest';
import type { Waveform } from '../../../src/shared/catalogue';
import { ListenTracker, playThreshold } from '../../../src/renderer/src/library/listening';
import { barCountFor, drawBars, WaveformCache, waveformBars } from '../../../src/renderer/src/library/waveform';
import { waveform } from './fixtures';

describe('waveformBars', () => {
  it('reduces min/max pairs to bars, folding channels together', () => {
    const left = [-0.1, 0.2, -0.3, 0.1, -0.05, 0.4, -0.2, 0.2];
    const right = [-0.5, 0.1, 0, 0, 0, 0, 0, 0.6];
    expect(waveformBars([left, right], 2, false)).toEqual([
      { min: -0.5, max: 0.2 },
      { min: -0.2, max: 0.6 },
    ]);
  });

  it('normalises so the loudest bar reaches ±1', () => {
    const bars = waveformBars([[-0.25, 0.1, -0.1, 0.2]], 2);
    expect(bars[0]?.min).toBeCloseTo(-1);
    expect(bars[1]?.max).toBeCloseTo(0.8);
  });

  it('never asks for more bars than buckets, and copes with nothing', () => {
    expect(waveformBars(waveform(1, 8).peaks, 100)).toHaveLength(8);
    expect(waveformBars([], 10)).toEqual([]);
    expect(waveformBars([[]], 10)).toEqual([]);
    expect(barCountFor(90)).toBe(30);
  });

  it('draws one centred bar per value', () => {
    const rects: number[][] = [];
    const ctx = {
      fillStyle: '',
      clearRect: () => {},
      fillRect: (x: number, y: number, w: number, h: number) => rects.push([x, y, w, h]),
    };
    drawBars(
      ctx,
      [
        { min: -1, max: 1 },
        { min: -0.5, max: 0 },
      ],
      20,
      40,
      '#fff',
    );
    expect(rects).toHaveLength(2);
    expect(rects[0]?.[1]).toBe(0);
    expect(rects[0]?.[3]).toBe(40);
    // A silent top half still shows a hairline.
    expect(rects[1]?.[1]).toBeCloseTo(19.5);
  });
});

describe('WaveformCache', () => {
  it('loads each waveform once, sharing concurrent requests', async () => {
    let loads = 0;
    const cache = new WaveformCache(async (id) => {
      loads += 1;
      return waveform(id);
    });
    const [a, b] = await Promise.all([cache.get(1), cache.get(1)]);
    expect(a).toBe(b);
    await cache.get(1);
    expect(loads).toBe(1);
    expect(cache.peek(1)?.itemId).toBe(1);
    expect(cache.peek(2)).toBeUndefined();
  });

  it('remembers items without a waveform but retries failures', async () => {
    let calls = 0;
    const cache = new WaveformCache(async (id): Promise<Waveform | null> => {
      calls += 1;
      if (id === 2 && calls < 3) throw new Error('busy');
      return id === 1 ? null : waveform(id);
    });
    expect(await cache.get(1)).toBeNull();
    expect(cache.peek(1)).toBeNull();
    await expect(cache.get(2)).rejects.toThrow('busy');
    expect(cache.peek(2)).toBeUndefined();
    expect((await cache.get(2))?.itemId).toBe(2);
  });

  it('stays within its bound, dropping the least recently used', async () => {
    const cache = new WaveformCache(async (id) => waveform(id), 2);
    await cache.get(1);
    await cache.get(2);
    await cache.get(1);
    await cache.get(3);
    expect(cache.size).toBe(2);
    expect(cache.peek(2)).toBeUndefined();
    expect(cache.peek(1)).toBeDefined();
  });
});

describe('ListenTracker', () => {
  it('counts a play once after a few seconds of listening', () => {
    const tracker = new ListenTracker(200);
    tracker.play(0);
    const signals = [1, 2, 3, 4, 5, 6, 7].map((t) => tracker.progress(t));
    expect(signals.filter((s) => s !== null)).toEqual(['play']);
    expect(signals[4]).toBe('play');
    expect(tracker.leave()).toBeNull();
  });

  it('counts a skip when playback started but stopped before that', () => {
    const tracker = new ListenTracker(200);
    tracker.play(0);
    tracker.progress(1);
    tracker.pause();
    expect(tracker.leave()).toBe('skip');
    expect(tracker.leave()).toBeNull();
  });

  it('sends nothing for an item that never played', () => {
    expect(new ListenTracker(200).leave()).toBeNull();
  });

  it('does not count seeking as listening', () => {
    const tracker = new ListenTracker(200);
    tracker.play(0);
    tracker.progress(0.5);
    tracker.seek(100);
    expect(tracker.progress(100.5)).toBeNull();
    expect(tracker.progress(190)).toBeNull();
    expect(tracker.listenedS).toBeCloseTo(1);
  });

  it('needs only half of a short clip', () => {
    expect(playThreshold(3)).toBe(1.5);
    expect(playThreshold(null)).toBe(5);
    const tracker = new ListenTracker(3);
    tracker.play(0);
    tracker.progress(1);
    expect(tracker.progress(1.6)).toBe('play');
  });
});
