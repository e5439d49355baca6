import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client';
import type { MediaItem } from '../../../src/shared/catalogue';
import { LibraryStore } from '../../../src/renderer/src/library/library.svelte';
import LibraryView from '../../../src/renderer/src/library/LibraryView.svelte';
import { JobsStore } from '../../../src/renderer/src/state/jobs.svelte';
import { ProfilesStore } from '../../../src/renderer/src/state/profiles.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { getButton, getByLabel, queryButton } from '../helpers/dom';
import { job } from '../helpers/fixtures';
import { ScriptedBridge, settle } from '../helpers/scriptedBridge';
import { catalogue, listFrom, MemoryStorage, profile } from './fixtures';

let app: ReturnType<typeof mount> | null = null;
const restore: Array<() => void> = [];

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
  for (const undo of restore.splice(0)) undo();
});

/** jsdom lays nothing out: give the results scroller a real viewport. */
function fakeViewport(width: number, height: number): void {
  const proto = HTMLElement.prototype;
  const before = {
    w: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    h: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
  };
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'grid' ? width : 0;
    },
  });
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'grid' ? height : 0;
    },
  });
  restore.push(() => {
    if (before.w) Object.defineProperty(proto, 'clientWidth', before.w);
    if (before.h) Object.defineProperty(proto, 'clientHeight', before.h);
  });
}

async function render(items: MediaItem[], configure: (bridge: ScriptedBridge) => void = () => {}) {
  const bridge = new ScriptedBridge()
    .respond('library.list', listFrom(items))
    .respond('library.folders', [{ id: 1, path: '/music', addedAt: '2025-01-01T00:00:00Z', lastScanAt: null }])
    .respond('ratings.forProfile', [])
    .respond('profiles.list', [profile(1, 'Me'), profile(2, 'Ada')])
    .respond('ratings.set', ({ itemIds }) => ({ count: itemIds.length }))
    .respond('media.waveform', null);
  configure(bridge);
  const client = createClient(bridge);
  const toasts = new ToastStore();
  const profiles = new ProfilesStore(client, toasts.report, new MemoryStorage());
  const library = new LibraryStore(client, toasts.report, profiles, { pageSize: 50, fetchIntervalMs: 0 });
  const jobs = new JobsStore(client, toasts.report);
  await profiles.load();
  const stopImports = library.watchImports();
  restore.push(stopImports);
  app = mount(LibraryView, {
    target: document.body,
    props: { library, profiles, jobs, mediaUrl: (id: number) => `/media/${id}`, onshowjobs: () => {} },
  });
  flushSync();
  await settle();
  flushSync();
  return { bridge, library, profiles, toasts };
}

function cells(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[role="gridcell"][aria-label]')];
}

function cell(name: string): HTMLElement {
  const found = cells().find((c) => c.getAttribute('aria-label') === name);
  if (!found)
    throw new Error(
      `no card named ${name}: ${cells()
        .map((c) => c.getAttribute('aria-label'))
        .join(', ')}`,
    );
  return found;
}

function click(element: Element, init: MouseEventInit = {}): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
}

/** Clicks a star row at `x` px of its 100 px width. */
function clickStars(slider: HTMLElement, x: number): void {
  slider.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 100, height: 20 });
  click(slider, { clientX: x });
}

describe('LibraryView', () => {
  it('selects with click, shift-click and ctrl-click, then rates the selection from the bulk bar', async () => {
    fakeViewport(1000, 700);
    const { bridge, library } = await render(catalogue(12));
    expect(document.querySelector('h1')?.textContent).toBe('Library');
    expect(getByLabel('Item count').textContent).toBe('12 items');

    click(cell('Item 12'));
    await settle();
    flushSync();
    expect(cell('Item 12').getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('[role="toolbar"][aria-label="Selection actions"]')).toBeNull();
    // The details pane shows the focused item.
    expect(getByLabel('Details of Item 12')).toBeTruthy();

    click(cell('Item 10'), { shiftKey: true });
    await settle();
    flushSync();
    expect(
      cells()
        .filter((c) => c.getAttribute('aria-selected') === 'true')
        .map((c) => c.getAttribute('aria-label')),
    ).toEqual(['Item 12', 'Item 11', 'Item 10']);

    click(cell('Item 11'), { ctrlKey: true });
    await settle();
    flushSync();
    expect(cell('Item 11').getAttribute('aria-selected')).toBe('false');
    expect(library.selectedCount).toBe(2);

    const bar = getByLabel<HTMLElement>('Selection actions');
    expect(bar.textContent).toContain('2 selected');
    clickStars(getByLabel<HTMLElement>('Rating for 2 selected items', bar), 65);
    await settle();
    flushSync();
    expect(bridge.callsTo('ratings.set')).toEqual([{ profileId: 1, itemIds: [12, 10], value: 3.5 }]);
    expect(getByLabel('Rating of Item 10').getAttribute('aria-valuetext')).toBe('3.5 stars');
  });

  it('rates from the details pane with the keyboard, as the active profile', async () => {
    const { bridge, profiles } = await render(catalogue(3));
    click(cell('Item 3'));
    await settle();
    flushSync();
    const stars = getByLabel<HTMLElement>('Your rating of Item 3');
    expect(stars.getAttribute('role')).toBe('slider');
    expect(stars.tabIndex).toBe(0);
    stars.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
    await settle();
    stars.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
    await settle();
    profiles.select(2);
    flushSync();
    stars.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true, cancelable: true }));
    await settle();
    expect(bridge.callsTo('ratings.set')).toEqual([
      { profileId: 1, itemIds: [3], value: 0.5 },
      { profileId: 1, itemIds: [3], value: 1 },
      { profileId: 2, itemIds: [3], value: 4 },
    ]);
  });

  it('works from the keyboard: arrows move, shift extends, digits rate, Ctrl+A and Escape', async () => {
    fakeViewport(1000, 700);
    const { bridge, library } = await render(catalogue(12));
    const grid = document.querySelector<HTMLElement>('[role="grid"]');
    if (!grid) throw new Error('no grid');
    const press = async (key: string, init: KeyboardEventInit = {}): Promise<void> => {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
      await settle();
      flushSync();
    };
    await press('ArrowRight');
    await press('ArrowRight');
    expect(grid.getAttribute('aria-activedescendant')).toBe('library-item-1');
    expect(cell('Item 11').getAttribute('aria-selected')).toBe('true');
    await press('ArrowRight', { shiftKey: true });
    expect(library.selectedCount).toBe(2);
    await press('4');
    expect(bridge.callsTo('ratings.set')).toEqual([{ profileId: 1, itemIds: [11, 10], value: 4 }]);
    await press(']');
    expect(bridge.callsTo('ratings.set').at(-1)).toEqual({ profileId: 1, itemIds: [11, 10], value: 4.5 });
    await press('a', { ctrlKey: true });
    expect(library.selectedCount).toBe(12);
    await press('Escape');
    expect(library.selectedCount).toBe(0);
  });

  it('renders only the rows in view, out of 100,000 items, and fetches pages as it scrolls', async () => {
    fakeViewport(1000, 600);
    const { bridge, library } = await render(catalogue(100_000));
    getButton('List view').click();
    flushSync();
    await settle();
    flushSync();
    const grid = document.querySelector<HTMLElement>('[role="grid"]');
    if (!grid) throw new Error('no grid');
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    const rows = (): HTMLElement[] => [...grid.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')].slice(1);
    expect(rows().length).toBeLessThan(30);
    expect(rows()[0]?.getAttribute('aria-label')).toBe('Item 100000');

    grid.scrollTop = 38 * 60_000;
    grid.dispatchEvent(new Event('scroll'));
    flushSync();
    await settle();
    flushSync();
    expect(rows().length).toBeLessThan(30);
    expect(rows().some((row) => row.getAttribute('aria-label') === `Item ${100_000 - 60_005}`)).toBe(true);
    const offsets = bridge.callsTo('library.list').map((input) => (input as { offset: number }).offset);
    expect(offsets).toContain(60_000);
    expect(offsets.length).toBeLessThan(10);
    expect(library.cachedPages.length).toBeLessThanOrEqual(12);
  });

  it('shows the report of a finished import and dismisses it', async () => {
    const { bridge } = await render(catalogue(2));
    bridge.emit(
      'job.updated',
      job({
        id: 7,
        kind: 'library-import',
        state: 'done',
        finishedAt: new Date().toISOString(),
        result: {
          folders: ['/music'],
          seen: 5,
          imported: 3,
          updated: 1,
          unchanged: 0,
          relinked: 0,
          missing: 1,
          skipped: [{ path: '/music/readme.txt', reason: 'not a media type Motif catalogues' }],
          skippedCount: 1,
        },
      }),
    );
    flushSync();
    const panel = getByLabel<HTMLElement>('Import report');
    expect(panel.querySelector('h2')?.textContent).toBe('Import finished');
    const counts = Object.fromEntries(
      [...panel.querySelectorAll('dl > div')].map((row) => [
        row.querySelector('dt')?.textContent,
        row.querySelector('dd')?.textContent,
      ]),
    );
    expect(counts).toEqual({ Imported: '3', Updated: '1', Relinked: '0', Unchanged: '0', Missing: '1', Skipped: '1' });
    expect(panel.textContent).toContain('/music/readme.txt');
    expect(panel.textContent).toContain('not a media type Motif catalogues');

    getButton('Dismiss import report').click();
    flushSync();
    expect(document.querySelector('[aria-label="Import report"]')).toBeNull();
  });

  it('explains an empty library and imports an absolute folder path', async () => {
    const { bridge } = await render([], (b) =>
      b.respond('library.folders', []).respond('library.import', job({ id: 2, kind: 'library-import' })),
    );
    expect(document.querySelector('h2')?.textContent).toBe('Your library is empty');
    expect(document.body.textContent).toContain('nothing is copied or moved');

    const input = document.querySelector<HTMLInputElement>('.results input[type="text"]');
    if (!input) throw new Error('no folder path input');
    expect(document.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Folder path');
    input.value = 'Music';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    input.form?.requestSubmit();
    await settle();
    flushSync();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('library.import')).toEqual([]);

    input.value = '/home/ada/Music';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    input.form?.requestSubmit();
    await settle();
    expect(bridge.callsTo('library.import')).toEqual([{ paths: ['/home/ada/Music'] }]);
  });

  it('filters by kind from the toolbar', async () => {
    const { bridge } = await render(catalogue(9));
    const audio = getButton('Audio');
    audio.click();
    flushSync();
    await settle();
    flushSync();
    expect(audio.getAttribute('aria-pressed')).toBe('true');
    expect(bridge.callsTo('library.list').at(-1)).toEqual({ limit: 50, offset: 0, kind: 'audio' });
    expect(getByLabel('Item count').textContent).toBe('3 items');
    expect(queryButton('Clear selection')).toBeNull();
  });
});
