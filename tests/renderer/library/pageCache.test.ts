import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../src/renderer/src/library/page-cache';

describe('PageCache', () => {
  it('keeps at most maxPages, evicting the least recently used first', () => {
    const cache = new PageCache<string>(3);
    cache.set(0, ['a']);
    cache.set(1, ['b']);
    cache.set(2, ['c']);
    cache.get(0); // 0 is now the most recent
    expect(cache.set(3, ['d'])).toEqual([1]);
    expect(cache.pages().sort()).toEqual([0, 2, 3]);
    expect(cache.size).toBe(3);
  });

  it('never evicts pinned pages, even beyond the bound', () => {
    const cache = new PageCache<string>(2);
    const pinned = new Set([0, 1, 2]);
    cache.set(0, ['a'], pinned);
    cache.set(1, ['b'], pinned);
    expect(cache.set(2, ['c'], pinned)).toEqual([]);
    expect(cache.size).toBe(3);
    // Once the window moves on, the next store brings it back within bounds.
    expect(cache.set(3, ['d'], new Set([3]))).toEqual([0, 1]);
    expect(cache.pages()).toEqual([2, 3]);
  });

  it('peek does not refresh recency; get does', () => {
    const cache = new PageCache<string>(2);
    cache.set(0, ['a']);
    cache.set(1, ['b']);
    expect(cache.peek(0)).toEqual(['a']);
    cache.set(2, ['c']);
    expect(cache.has(0)).toBe(false);
    expect(cache.has(1)).toBe(true);
  });

  it('patches items in place and reports whether anything changed', () => {
    const cache = new PageCache<{ id: number; tag: string }>(4);
    cache.set(0, [
      { id: 1, tag: 'x' },
      { id: 2, tag: 'x' },
    ]);
    expect(cache.patch((item) => (item.id === 2 ? { id: 2, tag: 'y' } : undefined))).toBe(true);
    expect(cache.peek(0)).toEqual([
      { id: 1, tag: 'x' },
      { id: 2, tag: 'y' },
    ]);
    expect(cache.patch(() => undefined)).toBe(false);
  });

  it('refuses a bound below one page', () => {
    expect(() => new PageCache(0)).toThrow(RangeError);
  });
});
