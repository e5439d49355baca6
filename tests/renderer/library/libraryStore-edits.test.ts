import { afterEach, describe, expect, it, vi } from 'vitest';
import { job } from '../helpers/fixtures';
import { catalogue, flush, mediaItem } from './fixtures';
import { setup } from './store-setup';

afterEach(() => {
  vi.useRealTimers();
});

describe('LibraryStore: selection', () => {
  async function loaded(count = 100) {
    const ctx = setup(catalogue(count), { maxPages: 10 });
    ctx.library.reload();
    await flush();
    ctx.library.ensureRange(0, 9);
    await flush();
    return ctx;
  }
  const idAt = (count: number, index: number): number => count - index;

  it('selects one on click, a range on shift-click and toggles on ctrl/cmd-click', async () => {
    const { library } = await loaded();
    await library.click(2);
    expect([...library.selected]).toEqual([idAt(100, 2)]);
    expect(library.focused?.id).toBe(idAt(100, 2));

    await library.click(5, { shift: true });
    expect([...library.selected].sort((a, b) => b - a)).toEqual([2, 3, 4, 5].map((i) => idAt(100, i)));

    // The anchor stays at 2: shift-click above it selects 0..2 instead.
    await library.click(0, { shift: true });
    expect([...library.selected].sort((a, b) => b - a)).toEqual([0, 1, 2].map((i) => idAt(100, i)));

    await library.click(7, { toggle: true });
    expect(library.selected.has(idAt(100, 7))).toBe(true);
    expect(library.selectedCount).toBe(4);
    await library.click(7, { toggle: true });
    expect(library.selected.has(idAt(100, 7))).toBe(false);

    // Ctrl+Shift adds the range from the new anchor (7) without dropping the rest.
    await library.click(8, { shift: true, toggle: true });
    expect(library.selectedCount).toBe(5);
    expect(library.selected.has(idAt(100, 0))).toBe(true);

    await library.click(4);
    expect([...library.selected]).toEqual([idAt(100, 4)]);
  });

  it('fetches the ids of a range that runs through pages not in the cache', async () => {
    const { library, lists } = await loaded();
    await library.click(0);
    library.ensureRange(40, 45);
    await flush();
    const before = lists().length;
    await library.click(45, { shift: true });
    expect(library.selectedCount).toBe(46);
    // Pages 0-1 and 3-5 are cached: only the gap (page 2) is fetched.
    expect(lists().slice(before)).toEqual([{ limit: 10, offset: 20 }]);
  });

  it('selects every match with as few id scans as the API allows', async () => {
    const { library, lists } = await loaded(2_500);
    const before = lists().length;
    await library.selectAll();
    expect(library.selectedCount).toBe(2_500);
    expect(
      lists()
        .slice(before)
        .map((p) => [p.offset, p.limit]),
    ).toEqual([
      [20, 1000],
      [1020, 1000],
      [2020, 480],
    ]);
  });

  it('moves the keyboard focus and extends with shift', async () => {
    const { library } = await loaded();
    await library.moveFocus(3);
    expect(library.focusIndex).toBe(3);
    expect([...library.selected]).toEqual([idAt(100, 3)]);
    await library.moveFocus(5, true);
    expect(library.selectedCount).toBe(3);
    await library.moveFocus(10_000);
    expect(library.focusIndex).toBe(99);
  });
});

describe('LibraryStore: ratings and tags', () => {
  it('rates the selection for the active profile in one call', async () => {
    const { bridge, library } = setup(catalogue(20));
    bridge.respond('ratings.set', ({ itemIds }) => ({ count: itemIds.length }));
    library.reload();
    await flush();
    await library.click(0);
    await library.click(2, { shift: true });
    expect(await library.rateSelected(3.5)).toBe(true);
    expect(bridge.callsTo('ratings.set')).toEqual([{ profileId: 1, itemIds: [20, 19, 18], value: 3.5 }]);
    expect([20, 19, 18].map((id) => library.ratingOf(id))).toEqual([3.5, 3.5, 3.5]);

    await library.rateSelected(null);
    expect(bridge.callsTo('ratings.set').at(-1)).toEqual({ profileId: 1, itemIds: [20, 19, 18], value: null });
    expect(library.ratingOf(20)).toBeNull();
  });

  it('splits very large selections into calls of at most 10,000 ids', async () => {
    const { bridge, library } = setup([]);
    bridge.respond('ratings.set', ({ itemIds }) => ({ count: itemIds.length }));
    const ids = Array.from({ length: 25_000 }, (_, i) => i + 1);
    await library.rate(ids, 5);
    expect(bridge.callsTo('ratings.set').map((c) => (c as { itemIds: number[] }).itemIds.length)).toEqual([
      10_000, 10_000, 5_000,
    ]);
  });

  it('puts the old ratings back and says so when saving fails', async () => {
    const { bridge, library, toasts } = setup([]);
    bridge.respond('ratings.forProfile', [{ itemId: 7, value: 2, ratedAt: '2025-01-01T00:00:00Z' }]);
    await library.loadRatings();
    bridge.fail('ratings.set', 'unavailable', 'engine down');
    expect(await library.rate([7, 8], 4)).toBe(false);
    expect(library.ratingOf(7)).toBe(2);
    expect(library.ratingOf(8)).toBeNull();
    expect(toasts.items[0]?.actions).toEqual(['Could not rate 2 items']);
  });

  it('keeps a rating that is still being saved when a listing from before it arrives', async () => {
    const { bridge, library } = setup(catalogue(3));
    const save = bridge.defer('ratings.set');
    const saving = library.rate([2], 4.5);
    // A reload (e.g. after another change) answers with the state before this save.
    bridge.respond('ratings.forProfile', [{ itemId: 1, value: 3, ratedAt: '2025-01-01T00:00:00Z' }]);
    await library.loadRatings();
    expect(library.ratingOf(2)).toBe(4.5);
    expect(library.ratingOf(1)).toBe(3);
    save.resolve({ count: 1 });
    expect(await saving).toBe(true);
    // Once saved, the server's word counts again.
    bridge.respond('ratings.forProfile', [{ itemId: 2, value: 4.5, ratedAt: '2025-01-01T00:00:00Z' }]);
    await library.loadRatings();
    expect(library.ratingOf(1)).toBeNull();
    expect(library.ratingOf(2)).toBe(4.5);
  });

  it('does not rate without an active profile', async () => {
    const { bridge, library, profile } = setup([]);
    profile.activeId = null;
    expect(await library.rate([1], 3)).toBe(false);
    expect(bridge.callsTo('ratings.set')).toEqual([]);
  });

  it('tags the selection and shows the engine’s updated items', async () => {
    const items = catalogue(12);
    const { bridge, library } = setup(items);
    bridge.respond('media.tag', ({ ids, add, remove }) =>
      ids.map((id) => {
        const item = items.find((i) => i.id === id) ?? mediaItem({ id });
        const tags = [...item.tags, ...(add ?? [])].filter((t) => !(remove ?? []).includes(t));
        return { ...item, tags };
      }),
    );
    library.reload();
    await flush();
    await library.click(1);
    await library.click(2, { toggle: true });
    expect(await library.tagSelected([' jazz ', ''])).toBe(true);
    expect(bridge.callsTo('media.tag')).toEqual([{ ids: [11, 10], add: ['jazz'] }]);
    expect(library.itemAt(1)?.tags).toEqual(['jazz']);
    expect(library.focused?.tags).toEqual(['jazz']);

    await library.tag([11], [], ['jazz']);
    expect(bridge.callsTo('media.tag').at(-1)).toEqual({ ids: [11], remove: ['jazz'] });
    expect(await library.tagSelected([])).toBe(false);
  });

  it('records plays and skips for the active profile', async () => {
    const { bridge, library } = setup([]);
    bridge.respond('media.signal', { ok: true });
    await library.signal(5, 'play');
    await library.signal(5, 'skip');
    expect(bridge.callsTo('media.signal')).toEqual([
      { profileId: 1, itemId: 5, kind: 'play' },
      { profileId: 1, itemId: 5, kind: 'skip' },
    ]);
  });

  it('reloads ratings when the engine says ratings changed', async () => {
    const { bridge, library } = setup([]);
    const stop = library.connect();
    await flush();
    const before = bridge.callsTo('ratings.forProfile').length;
    bridge.respond('ratings.forProfile', [{ itemId: 3, value: 4.5, ratedAt: '2025-01-01T00:00:00Z' }]);
    bridge.emit('catalogue.changed', { table: 'ratings' });
    await flush();
    expect(bridge.callsTo('ratings.forProfile').length).toBe(before + 1);
    expect(library.ratingOf(3)).toBe(4.5);
    stop();
    expect(bridge.subscriberCount).toBe(0);
  });
});

describe('LibraryStore: folders and imports', () => {
  const report = {
    folders: ['/music'],
    seen: 12,
    imported: 9,
    updated: 1,
    unchanged: 0,
    relinked: 1,
    missing: 1,
    skipped: [{ path: '/music/notes.txt', reason: 'not a media type Motif catalogues' }],
    skippedCount: 1,
  };

  it('imports folders in place through library.import', async () => {
    const { bridge, library } = setup([]);
    bridge.respond('library.import', job({ id: 4, kind: 'library-import' }));
    const started = await library.importFolders(['  /music ', '']);
    expect(started?.id).toBe(4);
    expect(bridge.callsTo('library.import')).toEqual([{ paths: ['/music'] }]);
    expect(await library.importFolders(['  '])).toBeNull();
  });

  it('keeps the report of a finished import, refreshes, and shows it once', async () => {
    const { bridge, library, lists } = setup(catalogue(3));
    const stop = library.watchImports();
    bridge.emit('job.updated', job({ id: 4, kind: 'library-import', state: 'running' }));
    bridge.emit('job.updated', job({ id: 5, kind: 'self-test', state: 'done', result: { loss: 0.1 } }));
    expect(library.lastImport).toBeNull();

    bridge.emit('job.updated', job({ id: 4, kind: 'library-import', state: 'done', result: report }));
    expect(library.lastImport?.state).toBe('done');
    expect(library.lastImport?.report?.imported).toBe(9);
    await flush();
    expect(bridge.callsTo('library.folders')).toHaveLength(1);
    expect(lists()).toHaveLength(1);

    library.dismissImport();
    bridge.emit('job.updated', job({ id: 4, kind: 'library-import', state: 'done', result: report }));
    expect(library.lastImport).toBeNull();
    stop();
  });

  it('reports a failed import with its error', () => {
    const { bridge, library } = setup([]);
    library.watchImports();
    bridge.emit('job.updated', job({ id: 6, kind: 'library-import', state: 'failed', error: 'disk vanished' }));
    expect(library.lastImport).toMatchObject({ jobId: 6, state: 'failed', error: 'disk vanished', report: null });
  });

  it('removes a folder and rescans one or all', async () => {
    const { bridge, library } = setup([]);
    bridge.respond('library.removeFolder', { id: 2 }).respond('library.rescan', job({ id: 9, kind: 'library-import' }));
    expect(await library.removeFolder(2)).toBe(true);
    expect(bridge.callsTo('library.removeFolder')).toEqual([{ id: 2 }]);
    await library.rescan();
    await library.rescan(3);
    expect(bridge.callsTo('library.rescan')).toEqual([{}, { folderId: 3 }]);
  });
});
