/** Changes made to items from the Library: tags added and removed, and implicit play/skip feedback. */
import type { ApiInput, MotifClient } from '../../../shared/api';
import type { MediaItem } from '../../../shared/catalogue';
import type { ReportError } from '../state/toasts.svelte';
import { BULK_LIMIT, chunks, type ActiveProfile } from './library-options';

export class LibraryEdits {
  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #profiles: ActiveProfile;
  /** Replaces the cached copies of the items that changed. */
  readonly #patch: (updated: ReadonlyMap<number, MediaItem>) => void;

  constructor(
    client: MotifClient,
    report: ReportError,
    profiles: ActiveProfile,
    patch: (updated: ReadonlyMap<number, MediaItem>) => void,
  ) {
    this.#client = client;
    this.#report = report;
    this.#profiles = profiles;
    this.#patch = patch;
  }

  /** Adds and removes tags on items; the updated items replace the cached ones. */
  async tag(ids: readonly number[], add: readonly string[], remove: readonly string[]): Promise<boolean> {
    const addTags = add.map((t) => t.trim()).filter((t) => t !== '');
    const removeTags = remove.map((t) => t.trim()).filter((t) => t !== '');
    if (ids.length === 0 || (addTags.length === 0 && removeTags.length === 0)) return false;
    try {
      const updated = new Map<number, MediaItem>();
      for (const part of chunks(ids, BULK_LIMIT)) {
        const input: ApiInput<'media.tag'> = { ids: part };
        if (addTags.length > 0) input.add = addTags;
        if (removeTags.length > 0) input.remove = removeTags;
        for (const item of await this.#client.call('media.tag', input)) updated.set(item.id, item);
      }
      this.#patch(updated);
      return true;
    } catch (error) {
      this.#report(ids.length === 1 ? 'Could not change the tags' : `Could not tag ${ids.length} items`, error);
      return false;
    }
  }

  /** Records implicit feedback for the active profile; failures are not worth a toast. */
  async signal(itemId: number, kind: 'play' | 'skip'): Promise<void> {
    const profileId = this.#profiles.activeId;
    if (profileId === null) return;
    try {
      await this.#client.call('media.signal', { profileId, itemId, kind });
    } catch {
      // A lost play or skip only makes recommendations slightly less informed.
    }
  }
}
