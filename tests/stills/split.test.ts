import { describe, expect, it } from 'vitest';
import { splitStills, type SplitInput } from '../../src/main/engine/stills/split';

function films(count: number, perFilmPerClass: number, classes: string[]): SplitInput[] {
  const items: SplitInput[] = [];
  for (let f = 0; f < count; f++)
    for (const label of classes) for (let i = 0; i < perFilmPerClass; i++) items.push({ label, group: `film${f}` });
  return items;
}

describe('stills validation split', () => {
  it('never puts a group on both sides, and holds out about the fraction of every class', () => {
    const items = films(10, 3, ['a', 'b', 'c']);
    const split = splitStills(items, 0.2, 7);
    expect(split.splitBy).toBe('group');
    const side = (i: number): string => (split.validation.includes(i) ? 'v' : 't');
    const sides = new Map<string, Set<string>>();
    items.forEach((item, i) => {
      const s = sides.get(item.group as string) ?? new Set();
      s.add(side(i));
      sides.set(item.group as string, s);
    });
    for (const s of sides.values()) expect(s.size).toBe(1);
    for (const label of ['a', 'b', 'c']) {
      const held = split.validation.filter((i) => items[i]?.label === label).length;
      expect(held).toBe(6); // 2 of 10 films × 3 stills
    }
    expect([...split.train, ...split.validation].sort((x, y) => x - y)).toEqual(items.map((_, i) => i));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const items = films(12, 2, ['a', 'b']);
    expect(splitStills(items, 0.25, 3)).toEqual(splitStills(items, 0.25, 3));
    const others = [1, 2, 4, 5, 6].map((s) => JSON.stringify(splitStills(items, 0.25, s).validation));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('stills without a group key are their own group: stratified by item', () => {
    const items: SplitInput[] = [
      ...Array.from({ length: 20 }, () => ({ label: 'big', group: null })),
      ...Array.from({ length: 5 }, () => ({ label: 'small', group: null })),
      ...Array.from({ length: 2 }, () => ({ label: 'tiny', group: null })),
      { label: 'single', group: null },
    ];
    const split = splitStills(items, 0.2, 1);
    expect(split.splitBy).toBe('item');
    const held = (label: string): number => split.validation.filter((i) => items[i]?.label === label).length;
    expect(held('big')).toBe(4);
    expect(held('small')).toBe(1);
    // Every class with two or more stills gets one on each side; a single still trains.
    expect(held('tiny')).toBe(1);
    expect(held('single')).toBe(0);
  });

  it('a class living in one group stays in training rather than leaving it empty', () => {
    const items: SplitInput[] = [
      ...films(5, 2, ['a']),
      { label: 'b', group: 'onlyfilm' },
      { label: 'b', group: 'onlyfilm' },
    ];
    const split = splitStills(items, 0.2, 9);
    const trainB = split.train.filter((i) => items[i]?.label === 'b').length;
    expect(trainB).toBe(2);
    expect(split.validation.filter((i) => items[i]?.label === 'a').length).toBeGreaterThan(0);
  });
});
