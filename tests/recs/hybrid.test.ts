import { describe, expect, it } from 'vitest';
import { hybridRecommend, type HybridInput, type HybridItem } from '../../src/main/engine/recs/hybrid';

const item = (id: number, kind: string, tags: string[] = []): HybridItem => ({ id, kind, tags });

function input(overrides: Partial<HybridInput>): HybridInput {
  return {
    model: null,
    similarity: null,
    modelIndex: new Map(),
    rated: [],
    candidates: [],
    popularity: new Map(),
    globalMean: 3.5,
    limit: 10,
    mixKinds: false,
    ...overrides,
  };
}

describe('hybridRecommend without a model', () => {
  it('scores tags the profile rates above its mean higher, and says so', () => {
    const rated = [
      { item: item(1, 'audio', ['ambient']), value: 5 },
      { item: item(2, 'audio', ['ambient']), value: 4.5 },
      { item: item(3, 'audio', ['metal']), value: 1 },
    ];
    const out = hybridRecommend(input({ rated, candidates: [item(10, 'audio', ['metal']), item(11, 'audio', ['Ambient']), item(12, 'audio')] }));
    expect(out.map((s) => s.itemId)).toEqual([11, 12, 10]);
    expect(out[0]).toMatchObject({ source: 'tags', tags: ['Ambient'] });
    expect(out[2]!.tags).toEqual([]); // a disliked tag is never given as a reason
    expect(out[0]!.predicted).toBeGreaterThan(out[2]!.predicted);
  });

  it('falls back to a Bayesian popularity average for a profile with no ratings', () => {
    const popularity = new Map([
      [20, { sum: 5, count: 1 }], // one 5-star rating
      [21, { sum: 45, count: 10 }], // ten ratings averaging 4.5
      [22, { sum: 20, count: 10 }], // ten averaging 2
    ]);
    const out = hybridRecommend(input({ candidates: [item(20, 'film'), item(21, 'film'), item(22, 'film'), item(23, 'film')], popularity }));
    expect(out.map((s) => s.itemId)).toEqual([21, 20, 23, 22]);
    expect(out[0]).toMatchObject({ source: 'popular', popularity: { mean: 4.5, count: 10 } });
    expect(out[2]!.source).toBe('new');
  });

  it('mixes kinds when asked, instead of a wall of one kind', () => {
    const candidates = [
      ...[1, 2, 3, 4, 5].map((k) => item(k, 'audio')),
      ...[6, 7, 8].map((k) => item(k, 'image')),
    ];
    const popularity = new Map(candidates.map((c) => [c.id, { sum: c.kind === 'audio' ? 4.6 - c.id * 0.01 : 4.3, count: 1 }]));
    const plain = hybridRecommend(input({ candidates, popularity, limit: 6 }));
    expect(plain.slice(0, 5).every((s) => s.kind === 'audio')).toBe(true);
    const mixed = hybridRecommend(input({ candidates, popularity, limit: 6, mixKinds: true }));
    expect(mixed.slice(0, 4).map((s) => s.kind)).toContain('image');
    expect(new Set(mixed.map((s) => s.itemId)).size).toBe(6);
  });

  it('suggests tunes whose melody sounds like ones the profile rated highly, and says which', () => {
    const jig = [0.3, 0, 0.2, 0, 0.2, 0.1, 0, 0.2, 0, 0, 0, 0, 0.6, 0.3, 0.1, 0.5, 0.4];
    const drone = [0.9, 0, 0, 0, 0, 0, 0, 0.1, 0, 0, 0, 0, 0, 0, 1, 0.1, 0.05];
    const rated = [
      { item: { ...item(1, 'midi'), features: jig }, value: 5 },
      { item: { ...item(2, 'midi'), features: drone }, value: 1 },
    ];
    const nearJig = { ...item(10, 'midi'), features: jig.map((x, k) => (k === 0 ? x + 0.02 : x)) };
    const nearDrone = { ...item(11, 'midi'), features: drone };
    const unknown = item(12, 'midi');
    const out = hybridRecommend(input({ rated, candidates: [nearDrone, unknown, nearJig] }));
    expect(out.map((s) => s.itemId)).toEqual([10, 12, 11]);
    expect(out[0]).toMatchObject({ source: 'sound', soundsLike: [{ itemId: 1, rating: 5 }] });
    expect(out[0]!.soundsLike[0]!.similarity).toBeGreaterThan(0.99);
    expect(out[2]!.source).not.toBe('sound'); // close to a tune rated 1★: no "sounds like" reason
  });
});
