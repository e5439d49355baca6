import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client';
import { LibraryStore } from '../../../src/renderer/src/library/library.svelte';
import { ACTIVE_PROFILE_KEY, ProfilesStore } from '../../../src/renderer/src/state/profiles.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { ScriptedBridge } from '../helpers/scriptedBridge';
import { flush, MemoryStorage, profile } from './fixtures';

function setup(storage: MemoryStorage | null = new MemoryStorage()) {
  const bridge = new ScriptedBridge().respond('profiles.list', [profile(1, 'Me'), profile(2, 'Ada')]);
  const toasts = new ToastStore();
  const profiles = new ProfilesStore(createClient(bridge), toasts.report, storage);
  return { bridge, profiles, toasts, storage };
}

describe('ProfilesStore', () => {
  it('has no active profile until the list is loaded, then the first one', async () => {
    const { profiles } = setup();
    expect(profiles.activeId).toBeNull();
    await profiles.load();
    expect(profiles.activeId).toBe(1);
    expect(profiles.active?.name).toBe('Me');
  });

  it('remembers the chosen profile across restarts', async () => {
    const storage = new MemoryStorage();
    const first = setup(storage).profiles;
    await first.load();
    first.select(2);
    expect(storage.getItem(ACTIVE_PROFILE_KEY)).toBe('2');

    const second = setup(storage).profiles;
    await second.load();
    expect(second.active?.name).toBe('Ada');
  });

  it('falls back to the first profile when the remembered one is gone', async () => {
    const storage = new MemoryStorage();
    storage.setItem(ACTIVE_PROFILE_KEY, '42');
    const { profiles } = setup(storage);
    await profiles.load();
    expect(profiles.activeId).toBe(1);
  });

  it('ignores selecting a profile that does not exist', async () => {
    const { profiles } = setup();
    await profiles.load();
    profiles.select(99);
    expect(profiles.activeId).toBe(1);
  });

  it('creates a profile, makes it active and reports refusals', async () => {
    const { bridge, profiles, toasts } = setup();
    await profiles.load();
    bridge.respond('profiles.create', ({ name }) => profile(3, name));
    const created = await profiles.create('  Bea ');
    expect(bridge.callsTo('profiles.create')).toEqual([{ name: 'Bea' }]);
    expect(created?.id).toBe(3);
    expect(profiles.activeId).toBe(3);
    expect(profiles.items.map((p) => p.name)).toEqual(['Me', 'Ada', 'Bea']);

    bridge.fail('profiles.create', 'conflict', 'A profile named "Me" already exists.');
    expect(await profiles.create('Me')).toBeNull();
    expect(toasts.items[0]?.actions).toEqual(['Could not create the profile "Me"']);
    expect(await profiles.create('   ')).toBeNull();
  });

  it('tells listeners when the active profile changes, and only then', async () => {
    const { profiles } = setup();
    const seen: Array<number | null> = [];
    const stop = profiles.onChange((id) => seen.push(id));
    await profiles.load();
    profiles.select(1);
    profiles.select(2);
    stop();
    profiles.select(1);
    expect(seen).toEqual([1, 2]);
  });

  it('reloads the list when another window adds a profile, once loaded', async () => {
    const { bridge, profiles } = setup();
    const stop = profiles.subscribe();
    bridge.emit('catalogue.changed', { table: 'profiles' });
    await flush();
    expect(bridge.callsTo('profiles.list')).toHaveLength(0);
    await profiles.load();
    bridge.emit('catalogue.changed', { table: 'profiles' });
    bridge.emit('catalogue.changed', { table: 'media' });
    await flush();
    expect(bridge.callsTo('profiles.list')).toHaveLength(2);
    stop();
  });

  it('works without storage', async () => {
    const { profiles } = setup(null);
    await profiles.load();
    profiles.select(2);
    expect(profiles.activeId).toBe(2);
  });
});

describe('switching profiles in the Library', () => {
  it('fetches the new profile’s ratings and shows them', async () => {
    const bridge = new ScriptedBridge()
      .respond('profiles.list', [profile(1, 'Me'), profile(2, 'Ada')])
      .respond('library.list', { items: [], total: 0 })
      .respond('library.folders', [])
      .respond('ratings.forProfile', ({ profileId }) =>
        profileId === 1
          ? [{ itemId: 10, value: 5, ratedAt: '2025-01-01T00:00:00Z' }]
          : [{ itemId: 10, value: 1.5, ratedAt: '2025-01-01T00:00:00Z' }],
      )
      .respond('ratings.set', { count: 1 });
    const client = createClient(bridge);
    const toasts = new ToastStore();
    const profiles = new ProfilesStore(client, toasts.report, new MemoryStorage());
    const library = new LibraryStore(client, toasts.report, profiles);
    const stop = library.connect();
    await profiles.load();
    await flush();
    expect(library.ratingOf(10)).toBe(5);

    profiles.select(2);
    await flush();
    expect(bridge.callsTo('ratings.forProfile').at(-1)).toEqual({ profileId: 2 });
    expect(library.ratingOf(10)).toBe(1.5);
    expect(library.ratingsProfileId).toBe(2);

    await library.rate([10], 3);
    expect(bridge.callsTo('ratings.set')).toEqual([{ profileId: 2, itemIds: [10], value: 3 }]);
    stop();
    expect(toasts.items).toEqual([]);
  });
});
