/** A LibraryStore over a scripted bridge serving `items`, with small pages and short timers for tests. */
import type { ApiInput } from '../../../src/shared/api';
import { createClient } from '../../../src/shared/client';
import type { MediaItem } from '../../../src/shared/catalogue';
import { LibraryStore, type LibraryStoreOptions } from '../../../src/renderer/src/library/library.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { TestProfile } from '../helpers/activeProfile';
import { ScriptedBridge } from '../helpers/scriptedBridge';
import { listFrom } from './fixtures';

export function setup(items: MediaItem[], options: LibraryStoreOptions = {}) {
  const bridge = new ScriptedBridge()
    .respond('library.list', listFrom(items))
    .respond('library.folders', [])
    .respond('ratings.forProfile', []);
  const toasts = new ToastStore();
  const profile = new TestProfile(1);
  const library = new LibraryStore(createClient(bridge), toasts.report, profile, {
    pageSize: 10,
    maxPages: 3,
    prefetchPages: 1,
    debounceMs: 250,
    refreshDelayMs: 100,
    fetchIntervalMs: 0,
    ...options,
  });
  const lists = (): ApiInput<'library.list'>[] => bridge.callsTo('library.list') as ApiInput<'library.list'>[];
  return { bridge, library, toasts, profile, lists };
}
