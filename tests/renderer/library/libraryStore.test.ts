import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogue, flush, listFrom, mediaItem, MemoryStorage } from './fixtures';
import { setup } from './store-setup';

afterEach(() => {
  vi.useRealTimers();
});

describe('LibraryStore: filters and search', () => {
  it('turns the filters into library.list parameters', async () => {
    const { library, lists } = setup(catalogue(30));
    library.reload();
    await flush();
    expect(lists().at(-1)).toEqual({ limit: 10, offset: 0 });

    library.setKind('image');
    await flush();
    expect(lists().at(-1)).toEqual({ limit: 10, offset: 0, kind: 'image' });

    library.setIncludeMissing(true);
    library.query = '  jazz  ';
    library.applyQuery();
    await flush();
    expect(lists().at(-1)).toEqual({ limit: 10, offset: 0, kind: 'image', includeMissing: true, query: 'jazz' });

    library.setKind('all');
    library.setIncludeMissing(false);
    await flush();
    expect(lists().at(-1)).toEqual({ limit: 10, offset: 0, query: 'jazz' });
    expect(library.total).toBe(0);
  });

  it('waits for typing to pause before searching, once', async () => {
    vi.useFakeTimers();
    const { library, lists } = setup(catalogue(30));
    library.setQuery('i');
    library.setQuery('it');
    library.setQuery('item 2');
    vi.advanceTimersByTime(249);
    await flush();
    expect(lists()).toEqual([]);
    expect(library.appliedQuery).toBe('');

    vi.advanceTimersByTime(1);
    await flush();
    expect(lists()).toEqual([{ limit: 10, offset: 0, query: 'item 2' }]);
    expect(library.appliedQuery).toBe('item 2');
    // Item 2 and items 20..29 match.
    expect(library.total).toBe(11);
  });

  it('searches at once on Enter and ignores changes of surrounding spaces only', async () => {
    vi.useFakeTimers();
    const { library, lists } = setup(catalogue(5));
    library.setQuery('item');
    library.applyQuery();
    await flush();
    expect(lists()).toHaveLength(1);
    library.setQuery('item  ');
    vi.advanceTimersByTime(500);
    await flush();
    expect(lists()).toHaveLength(1);
  });

  it('starts over from the top on a new filter', () => {
    const { library } = setup(catalogue(30));
    const resets = library.scrollResets;
    library.focusIndex = 12;
    library.setKind('midi');
    expect(library.scrollResets).toBe(resets + 1);
    expect(library.focusIndex).toBeNull();
    expect(library.loaded).toBe(false);
  });

  it('remembers the view and thumbnail size', () => {
    const storage = new MemoryStorage();
    const first = setup([], { storage }).library;
    first.setView('list');
    first.setThumbSize(9999);
    expect(first.thumbSize).toBe(320);
    const second = setup([], { storage }).library;
    expect(second.view).toBe('list');
    expect(second.thumbSize).toBe(320);
  });
});

describe('LibraryStore: pages', () => {
  it('fetches only the pages the window needs, plus one page each side, once each', async () => {
    const { library, lists } = setup(catalogue(1000));
    library.reload();
    await flush();
    expect(lists().map((p) => p.offset)).toEqual([0]);
    expect(library.total).toBe(1000);

    library.ensureRange(0, 24);
    library.ensureRange(0, 24);
    await flush();
    expect(lists().map((p) => p.offset)).toEqual([0, 10, 20, 30]);
    expect(library.itemAt(24)?.id).toBe(1000 - 24);
    expect(library.itemAt(45)).toBeUndefined();

    library.ensureRange(500, 519);
    await flush();
    expect(
      lists()
        .map((p) => p.offset)
        .slice(4),
    ).toEqual([490, 500, 510, 520]);
    expect(lists().every((p) => p.limit === 10)).toBe(true);
  });

  it('fetches at most one round of pages per interval while the window races past', async () => {
    vi.useFakeTimers();
    const { library, lists } = setup(catalogue(100_000), { fetchIntervalMs: 120, prefetchPages: 0 });
    library.reload();
    await flush();
    // A scrollbar drag: a new window every frame for half a second.
    for (let frame = 0; frame < 30; frame++) {
      library.ensureRange(frame * 3000, frame * 3000 + 30);
      vi.advanceTimersByTime(16);
      await flush();
    }
    vi.advanceTimersByTime(200);
    await flush();
    const offsets = lists().map((p) => p.offset ?? 0);
    // The first window at once, then one window per 120 ms of the 480 ms drag (the last of
    // them is where it stopped): 5 of the 30 windows it passed.
    const windowsFetched = new Set(offsets.slice(1).map((offset) => Math.floor(offset / 3000)));
    expect([...windowsFetched]).toEqual([0, 7, 14, 22, 29]);
    expect(windowsFetched.has(0) && windowsFetched.has(29)).toBe(true);
    expect(library.itemAt(29 * 3000 + 30)?.id).toBe(100_000 - (29 * 3000 + 30));
  });

  it('keeps the page cache bounded while scrolling through 100,000 items', async () => {
    const { library } = setup(catalogue(100_000), { maxPages: 3, prefetchPages: 0 });
    library.reload();
    await flush();
    for (let first = 0; first < 100_000; first += 7_919) {
      library.ensureRange(first, first + 5);
      await flush();
      expect(library.cachedPages.length).toBeLessThanOrEqual(3);
      expect(library.itemAt(first)?.id).toBe(100_000 - first);
    }
    // The first pages were evicted long ago: reading them needs a fetch again.
    expect(library.itemAt(0)).toBeUndefined();
  });

  it('drops pages that arrive for filters that are no longer current', async () => {
    const items = catalogue(30);
    const { bridge, library } = setup(items);
    const late = bridge.defer('library.list');
    library.reload();
    bridge.respond('library.list', listFrom(items));
    library.setKind('midi');
    await flush();
    expect(library.total).toBe(10);
    late.resolve({ items: items.slice(0, 10), total: 30 });
    await flush();
    expect(library.total).toBe(10);
    expect(library.itemAt(0)?.kind).toBe('midi');
  });

  it('refetches what is on screen after a burst of catalogue changes, keeping old pages until then', async () => {
    vi.useFakeTimers();
    const items = catalogue(40);
    const { bridge, library, lists } = setup(items);
    const stop = library.connect();
    await flush();
    library.ensureRange(0, 15);
    await flush();
    const before = lists().length;

    items.unshift(mediaItem({ id: 41, title: 'Fresh import' }));
    bridge.emit('catalogue.changed', { table: 'media' });
    bridge.emit('catalogue.changed', { table: 'media' });
    bridge.emit('catalogue.changed', { table: 'tags' });
    // Until the refetch lands, the old page stays on screen.
    expect(library.itemAt(0)?.id).toBe(40);
    vi.advanceTimersByTime(100);
    await flush();
    expect(lists().length - before).toBe(3);
    expect(library.itemAt(0)?.title).toBe('Fresh import');
    expect(library.total).toBe(41);
    stop();
  });
});
