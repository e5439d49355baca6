import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from '../../src/main/engine/recs/rng';

// Reference values printed by numpy 2.4 (np.random.RandomState).
describe('NumpyRandomState reproduces numpy RandomState', () => {
  it('random_sample', () => {
    const r = new NumpyRandomState(0);
    expect([r.random(), r.random(), r.random()]).toEqual([0.5488135039273248, 0.7151893663724195, 0.6027633760716439]);
  });

  it('normal(0, 0.1) (the draws Surprise initialises SVD factors with)', () => {
    const r = new NumpyRandomState(0);
    const got = Array.from({ length: 5 }, () => r.normal(0, 0.1));
    expect(got).toEqual([
      0.1764052345967664, 0.040015720836722335, 0.09787379841057392, 0.2240893199201458, 0.18675579901499675,
    ]);
  });

  it('shuffle (the permutation Surprise KFold uses)', () => {
    const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    new NumpyRandomState(42).shuffle(a);
    expect(a).toEqual([8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const r = new NumpyRandomState(seed);
      return Array.from({ length: 4 }, () => r.nextUint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('rejects seeds numpy rejects', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(RangeError);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new NumpyRandomState(1.5)).toThrow(RangeError);
  });

  it('interval stays within bounds', () => {
    const r = new NumpyRandomState(3);
    for (let j = 0; j < 1000; j++) {
      const v = r.interval(6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(6);
    }
    expect(r.interval(0)).toBe(0);
  });
});
