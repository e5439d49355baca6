import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client';
import ProfileSwitcher from '../../../src/renderer/src/components/ProfileSwitcher.svelte';
import { ACTIVE_PROFILE_KEY, ProfilesStore } from '../../../src/renderer/src/state/profiles.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { getButton, getByLabel } from '../helpers/dom';
import { ScriptedBridge, settle } from '../helpers/scriptedBridge';
import { MemoryStorage, profile } from './fixtures';

let app: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

describe('ProfileSwitcher', () => {
  it('loads the profiles, switches, and creates a new one', async () => {
    const bridge = new ScriptedBridge()
      .respond('profiles.list', [profile(1, 'Me'), profile(2, 'Ada')])
      .respond('profiles.create', ({ name }) => profile(3, name));
    const storage = new MemoryStorage();
    const profiles = new ProfilesStore(createClient(bridge), new ToastStore().report, storage);
    app = mount(ProfileSwitcher, { target: document.body, props: { profiles } });
    flushSync();
    await settle();
    flushSync();
    expect(bridge.callsTo('profiles.list')).toHaveLength(1);

    const current = getButton('Profile: Me. Switch profile');
    expect(current.getAttribute('aria-expanded')).toBe('false');
    current.click();
    flushSync();
    const dialog = getByLabel<HTMLElement>('Profiles');
    expect(getButton('Me', dialog).getAttribute('aria-pressed')).toBe('true');
    getButton('Ada', dialog).click();
    flushSync();
    expect(profiles.activeId).toBe(2);
    expect(storage.getItem(ACTIVE_PROFILE_KEY)).toBe('2');
    expect(document.querySelector('[aria-label="Profiles"]')).toBeNull();

    getButton('Profile: Ada. Switch profile').click();
    flushSync();
    getButton('New profile…').click();
    flushSync();
    const name = document.querySelector<HTMLInputElement>('input[type="text"]');
    if (!name) throw new Error('no name input');
    expect(document.querySelector(`label[for="${name.id}"]`)?.textContent).toBe('Profile name');
    name.value = 'ada';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(getButton('Create profile').disabled).toBe(true);
    expect(name.getAttribute('aria-invalid')).toBe('true');

    name.value = 'Bea';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    getButton('Create profile').click();
    await settle();
    flushSync();
    expect(bridge.callsTo('profiles.create')).toEqual([{ name: 'Bea' }]);
    expect(getButton('Profile: Bea. Switch profile')).toBeTruthy();
  });
});
