/**
 * Local profiles (a studio team, a family) and which one is active. Ratings and listening
 * signals are per profile; the active one is remembered in localStorage across restarts and
 * falls back to the first profile when the remembered one is gone.
 */
import type { MotifClient } from '../../../shared/api';
import type { Profile } from '../../../shared/catalogue';
import { coalesce } from '../lib/coalesce';
import type { ReportError } from './toasts.svelte';

export const ACTIVE_PROFILE_KEY = 'motif.activeProfile';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage when the page may use it; null (nothing remembered) when it throws. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A positive integer id remembered under `key`, or null (none, garbage, or storage that throws). */
export function readStoredId(storage: KeyValueStorage | null, key: string): number | null {
  try {
    const raw = storage?.getItem(key) ?? null;
    const id = raw === null ? Number.NaN : Number(raw);
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

export class ProfilesStore {
  items = $state.raw<Profile[]>([]);
  loaded = $state(false);
  creating = $state(false);
  /** The active profile's id; null until profiles are loaded (or when there are none). */
  activeId = $state<number | null>(null);
  active = $derived(this.items.find((profile) => profile.id === this.activeId) ?? null);

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #storage: KeyValueStorage | null;
  // Callbacks, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #listeners = new Set<(id: number | null) => void>();
  /** What the user picked (or what was remembered), even before the list confirms it exists. */
  #wanted: number | null;

  readonly load: () => Promise<void> = coalesce(async () => {
    try {
      this.items = await this.#client.call('profiles.list', {});
      this.loaded = true;
      this.#resolve();
    } catch (error) {
      this.#report('Could not load profiles', error);
    }
  });

  constructor(client: MotifClient, report: ReportError, storage: KeyValueStorage | null = browserStorage()) {
    this.#client = client;
    this.#report = report;
    this.#storage = storage;
    this.#wanted = readStoredId(storage, ACTIVE_PROFILE_KEY);
  }

  /** Reloads the list when another window or the CLI adds a profile. */
  subscribe(): () => void {
    return this.#client.on('catalogue.changed', ({ table }) => {
      if (table === 'profiles' && this.loaded) void this.load();
    });
  }

  /** Called with the new active id whenever it changes; returns an unsubscribe. */
  onChange(listener: (id: number | null) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  select(id: number): void {
    if (!this.items.some((profile) => profile.id === id)) return;
    this.#wanted = id;
    this.#remember(id);
    this.#resolve();
  }

  /** Creates a profile and makes it active; returns it, or null when the engine refused. */
  async create(name: string): Promise<Profile | null> {
    const trimmed = name.trim();
    if (trimmed === '') return null;
    this.creating = true;
    try {
      const profile = await this.#client.call('profiles.create', { name: trimmed });
      if (!this.items.some((p) => p.id === profile.id)) this.items = [...this.items, profile];
      this.select(profile.id);
      return profile;
    } catch (error) {
      this.#report(`Could not create the profile "${trimmed}"`, error);
      return null;
    } finally {
      this.creating = false;
    }
  }

  #resolve(): void {
    const wanted = this.items.find((profile) => profile.id === this.#wanted);
    const next = wanted?.id ?? this.items[0]?.id ?? null;
    if (next === this.activeId) return;
    this.activeId = next;
    for (const listener of [...this.#listeners]) listener(next);
  }

  #remember(id: number): void {
    try {
      this.#storage?.setItem(ACTIVE_PROFILE_KEY, String(id));
    } catch {
      // Private mode or a full quota: the choice lasts for this session only.
    }
  }
}
