import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, LibraryPage } from '../../src/shared/api';
import type { MediaItem } from '../../src/shared/catalogue';
import { createClient } from '../../src/shared/client';
import { LibraryStore } from '../../src/renderer/src/library/library.svelte';
import LibraryView from '../../src/renderer/src/library/LibraryView.svelte';
import { JobsStore } from '../../src/renderer/src/state/jobs.svelte';
import { ProfilesStore } from '../../src/renderer/src/state/profiles.svelte';
import { ToastStore } from '../../src/renderer/src/state/toasts.svelte';
import { getButton, getByLabel, queryButton } from './helpers/dom';
import { ScriptedBridge, settle } from './helpers/scriptedBridge';
import { MemoryStorage, mediaItem, profile } from './library/fixtures';

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

const items: MediaItem[] = [
  mediaItem({ id: 4, kind: 'image', title: 'Night close', tags: ['close-up', 'night'] }),
  mediaItem({
    id: 3,
    kind: 'image',
    title: 'Day close',
    tags: ['close-up', 'keeper'],
    predictedTags: [{ tag: 'close-up', modelId: 12, confidence: 0.874 }],
  }),
  mediaItem({ id: 2, kind: 'image', title: 'Wide', tags: ['long'] }),
  mediaItem({ id: 1, kind: 'audio', title: 'Song', tags: ['night'] }),
];

/** `library.list` as the engine answers it: every given tag must be on the item (any case). */
function list(input: ApiInput<'library.list'>): LibraryPage {
  const wanted = (input.tags ?? []).map((t) => t.toLowerCase());
  const matching = items.filter(
    (item) =>
      (input.kind === undefined || item.kind === input.kind) &&
      wanted.every((tag) => item.tags.some((t) => t.toLowerCase() === tag)),
  );
  const offset = input.offset ?? 0;
  return { items: matching.slice(offset, offset + (input.limit ?? 100)), total: matching.length };
}

async function render() {
  const bridge = new ScriptedBridge()
    .respond('library.list', list)
    .respond('library.tags', ({ kind }) => {
      const counts = new Map<string, number>();
      for (const item of items)
        if (kind === undefined || item.kind === kind)
          for (const t of item.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      return [...counts]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    })
    .respond('library.folders', [{ id: 1, path: '/stills', addedAt: '2025-01-01T00:00:00Z', lastScanAt: null }])
    .respond('ratings.forProfile', [])
    .respond('profiles.list', [profile(1, 'Me')])
    .respond('media.get', ({ id }) => items.find((i) => i.id === id) as MediaItem)
    .respond('media.waveform', null);
  const client = createClient(bridge);
  const toasts = new ToastStore();
  const profiles = new ProfilesStore(client, toasts.report, new MemoryStorage());
  const library = new LibraryStore(client, toasts.report, profiles, {
    pageSize: 50,
    fetchIntervalMs: 0,
    refreshDelayMs: 0,
  });
  await profiles.load();
  app = mount(LibraryView, {
    target: document.body,
    props: {
      library,
      profiles,
      jobs: new JobsStore(client, toasts.report),
      mediaUrl: (id: number) => `/media/${id}`,
      onshowjobs: () => {},
    },
  });
  flushSync();
  await settle();
  flushSync();
  return { bridge, library, toasts };
}

const select = (): HTMLSelectElement =>
  getByLabel<HTMLElement>('Tag filter').querySelector('select') as HTMLSelectElement;
const optionTexts = (): string[] => [...select().options].map((o) => o.textContent?.trim() ?? '');
const chips = (): string[] =>
  [...getByLabel<HTMLElement>('Tags the results carry').querySelectorAll('li')].map(
    (li) => li.textContent?.trim() ?? '',
  );

async function pick(tag: string): Promise<void> {
  const el = select();
  el.value = tag;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
  await settle();
  flushSync();
}

describe('the Library tag filter', () => {
  it('offers the tags in use with counts; chosen tags become chips and narrow the results to items carrying all of them', async () => {
    const { bridge, library, toasts } = await render();
    expect(optionTexts()).toEqual(['Filter by tag…', 'close-up (2)', 'night (2)', 'keeper (1)', 'long (1)']);
    expect(library.total).toBe(4);

    await pick('close-up');
    expect(chips()).toEqual(['close-up']);
    expect(library.total).toBe(2);
    expect(bridge.callsTo('library.list').at(-1)).toMatchObject({ tags: ['close-up'] });
    // A chosen tag leaves the list; the prompt now says a further tag narrows (AND).
    expect(optionTexts()).toEqual(['And tag…', 'night (2)', 'keeper (1)', 'long (1)']);
    expect(select().value).toBe('');

    await pick('night');
    expect(chips()).toEqual(['close-up', 'night']);
    expect(getByLabel('Tag filter').textContent).toContain('all of');
    expect(bridge.callsTo('library.list').at(-1)).toMatchObject({ tags: ['close-up', 'night'] });
    expect(library.total).toBe(1);
    expect(library.itemAt(0)?.title).toBe('Night close');

    // Removing a chip widens the results again.
    getButton('Remove tag filter close-up').click();
    flushSync();
    await settle();
    flushSync();
    expect(chips()).toEqual(['night']);
    expect(library.total).toBe(2);
    expect(queryButton('Clear tags')).toBeNull();

    // Tags compare case-insensitively: "NIGHT" is already chosen.
    expect(library.tagFilter.add('NIGHT')).toBe(false);
    expect(library.tagFilter.add('Long')).toBe(true);
    flushSync();
    await settle();
    flushSync();
    expect(library.total).toBe(0);
    expect(document.body.textContent).toContain('fewer tags');
    getButton('Clear tags').click();
    flushSync();
    await settle();
    flushSync();
    expect(library.total).toBe(4);
    expect(bridge.callsTo('library.list').at(-1)).not.toHaveProperty('tags');
    // Setting several tags at once (Show in Library from the Stills lab) lists once.
    const before = bridge.callsTo('library.list').length;
    library.tagFilter.set(['night', 'Close-up', 'NIGHT', ' ']);
    flushSync();
    await settle();
    flushSync();
    expect(chips()).toEqual(['night', 'Close-up']);
    expect(bridge.callsTo('library.list').slice(before)).toEqual([
      expect.objectContaining({ tags: ['night', 'Close-up'] }),
    ]);
    expect(library.total).toBe(1);
    expect(toasts.items).toEqual([]);
  });

  it('lists only the tags of the chosen kind, and refreshes them when tags change', async () => {
    const { bridge, library } = await render();
    library.setKind('audio');
    flushSync();
    await settle();
    flushSync();
    expect(bridge.callsTo('library.tags').at(-1)).toEqual({ kind: 'audio' });
    expect(optionTexts()).toEqual(['Filter by tag…', 'night (1)']);
    const before = bridge.callsTo('library.tags').length;
    bridge.emit('catalogue.changed', { table: 'tags' });
    await settle();
    expect(bridge.callsTo('library.tags').length).toBe(before + 1);
  });

  it('shows predicted tags in the details pane with the model version and confidence', async () => {
    const { library } = await render();
    library.focusItem(items[1] as MediaItem);
    flushSync();
    const predicted = getByLabel<HTMLElement>('Predicted tags');
    expect(predicted.textContent?.replace(/\s+/g, ' ').trim()).toBe('close-up model #12 87%');
    library.focusItem(items[0] as MediaItem);
    flushSync();
    expect(() => getByLabel('Predicted tags')).toThrow(/nothing labelled/);
  });
});
