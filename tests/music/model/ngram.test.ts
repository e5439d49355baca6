import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/main/engine/ml/random';
import { NgramModel, ngramBaselines, positionNgramBaselines } from '../../../src/main/engine/music/model/ngram';

describe('n-gram baselines', () => {
  // Training [0 1 0 1]; held-out [1 0 1] scores p(0 | 1) and p(1 | 0) (the first event is given).
  const train = [[0, 1, 0, 1]];
  const heldOut = [[1, 0, 1]];

  it('Witten-Bell bigram matches the hand computation', () => {
    const model = NgramModel.fit(train, 2, 2, 'witten-bell');
    // Unigram: (c + T/V) / (N + T) = (2 + 1) / 6 for both tokens.
    expect(model.probability([], 0, 1)).toBeCloseTo(0.5, 10);
    // Context 0: seen twice, always followed by 1 (one type): (2 + 1 * 0.5) / (2 + 1).
    expect(model.probability([0], 1)).toBeCloseTo(2.5 / 3, 10);
    expect(model.probability([0], 0)).toBeCloseTo(0.5 / 3, 10);
    // Context 1: seen once (then 0): (1 + 0.5) / (1 + 1).
    expect(model.probability([1], 0)).toBeCloseTo(0.75, 10);
    const score = model.score(heldOut);
    expect(score.count).toBe(2);
    expect(score.perplexity).toBeCloseTo(1 / Math.sqrt(0.75 * (2.5 / 3)), 10);
  });

  it('interpolated Kneser-Ney bigram matches the hand computation', () => {
    const model = NgramModel.fit(train, 2, 2, 'kneser-ney');
    // Bigram counts {BOS 0: 1, 0 1: 2, 1 0: 1}: D2 = n1 / (n1 + 2 n2) = 2 / 4.
    // Continuation counts: token 0 follows {BOS, 1} (2), token 1 follows {0} (1): D1 = 1 / 3.
    // Lower-order (continuation) unigram: P1(0) = (2 - 1/3) / 3 + (1/3 * 2 / 3) / 2 = 2/3; P1(1) = 1/3.
    // P2(1 | 0) = (2 - 0.5) / 2 + (0.5 * 1 / 2) * P1(1).
    expect(model.probability([0], 1)).toBeCloseTo(0.75 + 0.25 / 3, 10);
    // P2(0 | 1) = (1 - 0.5) / 1 + (0.5 * 1 / 1) * P1(0).
    expect(model.probability([1], 0)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 10);
    expect(model.score(heldOut).perplexity).toBeCloseTo(1.2, 10);
    // Scored as a unigram model, the unigram level uses raw counts (D = 0.75 without singletons).
    expect(model.probability([], 0, 1)).toBeCloseTo((2 - 0.75) / 4 + (0.75 * 2) / 4 / 2, 10);
  });

  it('gives a proper distribution for every history, order and smoothing', () => {
    const random = mulberry32(5);
    const corpus = Array.from({ length: 20 }, () =>
      Array.from({ length: 30 }, () => Math.floor(random() * random() * 6)),
    );
    for (const smoothing of ['witten-bell', 'kneser-ney'] as const) {
      const model = NgramModel.fit(corpus, 4, 6, smoothing);
      for (let trial = 0; trial < 30; trial++) {
        const history = Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 6));
        for (let order = 1; order <= 4; order++) {
          let sum = 0;
          for (let w = 0; w < 6; w++) {
            const p = model.probability(history, w, order);
            expect(p).toBeGreaterThan(0);
            sum += p;
          }
          expect(sum).toBeCloseTo(1, 9);
        }
      }
    }
  });

  it('higher orders help on patterned data, and the best baseline comes first', () => {
    const pattern = [0, 1, 2, 0, 1, 3, 0, 1, 2, 0, 1, 4];
    const make = (n: number, offset: number): number[][] =>
      Array.from({ length: n }, (_, k) =>
        Array.from({ length: 48 }, (_, t) => pattern[(t + k + offset) % pattern.length] ?? 0),
      );
    const results = ngramBaselines(make(10, 0), make(3, 5), 5, 4);
    expect(results).toHaveLength(8);
    const best = results[0]!;
    expect(best.order).toBeGreaterThanOrEqual(3);
    const unigram = results.find((r) => r.order === 1 && r.smoothing === 'witten-bell')!;
    expect(best.perplexity).toBeLessThan(unigram.perplexity / 2);
    for (const r of results) expect(r.perplexity).toBeGreaterThanOrEqual(best.perplexity);
  });

  it('a position-aware n-gram uses the position of the predicted event, and backs off to the plain one', () => {
    // Token depends on the position in a 4-step bar (downbeats are 3), random elsewhere.
    const random = mulberry32(9);
    const make = (n: number): { seqs: number[][]; pos: number[][] } => {
      const seqs: number[][] = [];
      const pos: number[][] = [];
      for (let s = 0; s < n; s++) {
        const offset = Math.floor(random() * 4);
        const p = Array.from({ length: 40 }, (_, t) => (t + offset) % 4);
        pos.push(p);
        seqs.push(p.map((q) => (q === 0 ? 3 : Math.floor(random() * 3))));
      }
      return { seqs, pos };
    };
    const train = make(40);
    const test = make(10);
    const plain = ngramBaselines(train.seqs, test.seqs, 4, 2)[0]!;
    const withPositions = positionNgramBaselines(train.seqs, train.pos, test.seqs, test.pos, 4, 2)[0]!;
    expect(withPositions.perplexity).toBeLessThan(plain.perplexity * 0.9);
    const model = NgramModel.fitWithPositions(train.seqs, train.pos, 3, 4, 'kneser-ney');
    // Order 3 with positions: context = [position, previous token]; probabilities still sum to 1.
    for (const smoothing of ['witten-bell', 'kneser-ney'] as const) {
      const m = NgramModel.fitWithPositions(train.seqs, train.pos, 3, 4, smoothing);
      let sum = 0;
      for (let w = 0; w < 4; w++) sum += m.probability([0, 2], w);
      expect(sum).toBeCloseTo(1, 9);
    }
    expect(model.probability([0, 1], 3)).toBeGreaterThan(0.9); // position 0 -> a downbeat 3
    expect(() => NgramModel.fitWithPositions(train.seqs, train.pos, 1, 4)).toThrow(/order >= 2/);
  });

  it('refuses tokens outside the vocabulary', () => {
    expect(() => NgramModel.fit([[0, 5]], 2, 3)).toThrow(/outside the vocabulary/);
  });
});
