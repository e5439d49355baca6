import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/main/engine/ml/random';
import {
  distribution,
  keyMask,
  sampleClass,
  scalePitchClasses,
  truncate,
} from '../../../src/main/engine/music/model/sampling';

const range = { minPitch: 48, maxPitch: 84 };

describe('sampling', () => {
  it('locks to a key by masking every out-of-scale note-on (never no-event or note-off)', () => {
    expect(scalePitchClasses({ tonic: 7, mode: 'major' })).toEqual([7, 9, 11, 0, 2, 4, 6]);
    expect(scalePitchClasses({ tonic: 9, mode: 'minor' })).toEqual([9, 11, 0, 2, 4, 5, 7]);
    const mask = keyMask(range, { tonic: 0, mode: 'major' });
    expect(mask[0]).toBe(1);
    expect(mask[1]).toBe(1);
    const allowed: number[] = [];
    for (let cls = 2; cls < mask.length; cls++) if (mask[cls]) allowed.push((48 + cls - 2) % 12);
    expect(new Set(allowed)).toEqual(new Set([0, 2, 4, 5, 7, 9, 11]));
    // Even when the model strongly prefers an out-of-key note, sampling never returns it.
    const logits = new Float32Array(mask.length).fill(0);
    logits[2 + 1] = 20; // C#3
    const random = mulberry32(3);
    for (let k = 0; k < 500; k++)
      expect(mask[sampleClass(logits, { temperature: 1.5, topK: 0, topP: 1 }, random, mask)]).toBe(1);
  });

  it('temperature 0 is greedy; top-k keeps the k most likely; top-p keeps the nucleus', () => {
    const logits = Float32Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)]);
    const random = mulberry32(8);
    for (let k = 0; k < 50; k++) expect(sampleClass(logits, { temperature: 0, topK: 0, topP: 1 }, random)).toBe(0);
    const seen = new Set<number>();
    for (let k = 0; k < 400; k++) seen.add(sampleClass(logits, { temperature: 1, topK: 2, topP: 1 }, random));
    expect(seen).toEqual(new Set([0, 1]));
    const p = truncate(distribution(logits, 1), 0, 0.7);
    expect(Array.from(p).map((v) => Number(v.toFixed(4)))).toEqual([0.625, 0.375, 0, 0]);
    const all = new Set<number>();
    for (let k = 0; k < 2000; k++) all.add(sampleClass(logits, { temperature: 1, topK: 0, topP: 1 }, random));
    expect(all).toEqual(new Set([0, 1, 2, 3]));
  });

  it('higher temperature flattens the distribution', () => {
    const logits = [2, 1, 0];
    const cold = distribution(logits, 0.5);
    const hot = distribution(logits, 2);
    expect(cold[0]).toBeGreaterThan(hot[0]!);
    expect(hot[2]).toBeGreaterThan(cold[2]!);
  });

  it('is reproducible for a seed', () => {
    const logits = [0.1, 0.4, 0.2, 0.3, 0.0];
    const draw = (seed: number): number[] => {
      const random = mulberry32(seed);
      return Array.from({ length: 30 }, () => sampleClass(logits, { temperature: 1, topK: 0, topP: 1 }, random));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});
