import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/main/engine/ml/random';
import { SequenceIndex } from '../../../src/main/engine/music/model/memorisation';

/** Longest common substring of a query with any single sequence, by brute force. */
function bruteForce(sequences: number[][], query: number[]): number {
  let best = 0;
  for (const s of sequences) {
    for (let i = 0; i < query.length; i++) {
      for (let j = 0; j < s.length; j++) {
        let k = 0;
        while (i + k < query.length && j + k < s.length && query[i + k] === s[j + k]) k++;
        best = Math.max(best, k);
      }
    }
  }
  return best;
}

describe('memorisation meter', () => {
  const training = [
    [2, 3, 4, 5, 6],
    [7, 8, 9],
  ];

  it('finds the longest stretch of a phrase that occurs in the training sequences', () => {
    const index = SequenceIndex.build(training);
    const match = index.longestMatch([9, 3, 4, 5, 8, 9], (c) => c >= 2);
    expect(match).toMatchObject({ steps: 3, notes: 3, phraseStart: 1, phraseSteps: 6 });
    expect(match.fraction).toBeCloseTo(0.5);
    expect(index.longestMatch([0, 1, 0]).steps).toBe(0);
    // A whole training sequence copied is a full match.
    expect(index.longestMatch([2, 3, 4, 5, 6]).fraction).toBe(1);
  });

  it('never matches across two training sequences', () => {
    const index = SequenceIndex.build(training);
    expect(index.longestMatch([5, 6, 7, 8]).steps).toBe(2);
  });

  it('agrees with brute force on random data, and survives serialisation', () => {
    const random = mulberry32(12);
    const sequences = Array.from({ length: 12 }, () =>
      Array.from({ length: 10 + Math.floor(random() * 40) }, () => Math.floor(random() * 4)),
    );
    const index = SequenceIndex.deserialise(SequenceIndex.build(sequences).serialise());
    for (let trial = 0; trial < 40; trial++) {
      const query = Array.from({ length: 5 + Math.floor(random() * 30) }, () => Math.floor(random() * 4));
      expect(index.longestMatch(query).steps).toBe(bruteForce(sequences, query));
    }
  });

  it('rejects a corrupt index', () => {
    const bytes = SequenceIndex.build(training).serialise();
    expect(() => SequenceIndex.deserialise(bytes.subarray(0, bytes.length - 4))).toThrow(/wrong size/);
    const corrupt = bytes.slice();
    corrupt[corrupt.length - 1] = 0x7f;
    expect(() => SequenceIndex.deserialise(corrupt)).toThrow(/corrupt/);
  });
});
