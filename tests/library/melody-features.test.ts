import { describe, expect, it } from 'vitest';
import { featureSimilarity, MELODY_FEATURES_SIZE, melodyFeatures } from '../../src/main/engine/library/melody-features';
import { song, track, tune } from '../music/model/helpers';
import type { MidiNote } from '../../src/shared/music';

const transpose = (notes: MidiNote[], by: number): MidiNote[] => notes.map((n) => ({ ...n, pitch: n.pitch + by }));

describe('melody features', () => {
  it('describe a tune the same in any key, and tell different tunes apart', () => {
    const a = tune(60, 8, 1);
    const fa = melodyFeatures(song([track(a)]))!;
    expect(fa).toHaveLength(MELODY_FEATURES_SIZE);
    expect(melodyFeatures(song([track(transpose(a, 5))]))).toEqual(fa);
    // A chromatic run of 16ths against a tune in eighths on a major scale.
    const run = Array.from({ length: 64 }, (_, k) => ({ pitch: 60 + (k % 12), velocity: 80, tick: k * 120, durationTicks: 110, channel: 0 }));
    const fr = melodyFeatures(song([track(run)]))!;
    expect(featureSimilarity(fa, fa)).toBeCloseTo(1, 6);
    expect(featureSimilarity(fa, fr)).toBeLessThan(featureSimilarity(fa, melodyFeatures(song([track(tune(62, 8, 1))]))!));
    expect(fr[12]).toBeCloseTo(58 / 63, 3); // semitone steps, but for the 5 wraps back down an octave
    expect(fr[13]).toBeCloseTo(5 / 63, 3);
    expect(fr[15]).toBe(1); // four onsets a beat
  });

  it('ignore drums and give nothing for too few notes', () => {
    const drums = Array.from({ length: 32 }, (_, k) => ({ pitch: 36, velocity: 100, tick: k * 240, durationTicks: 100, channel: 9 }));
    expect(melodyFeatures(song([track(drums)]))).toBeNull();
    expect(melodyFeatures(song([track(tune(60, 8, 2).slice(0, 3))]))).toBeNull();
    expect(featureSimilarity([], [1, 2])).toBe(0);
  });
});
