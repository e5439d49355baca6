/** The active profile's ratings in the Library: loaded per profile, saved optimistically. */
import { SvelteMap } from 'svelte/reactivity';
import type { MotifClient } from '../../../shared/api';
import { coalesce } from '../lib/coalesce';
import type { ReportError } from '../state/toasts.svelte';
import { ratingMap, restoreRatings, withRating } from './immutable';
import { BULK_LIMIT, chunks, type ActiveProfile } from './library-options';

export class LibraryRatings {
  /** itemId → rating (0.5..5) for the active profile. */
  ratings = $state.raw<ReadonlyMap<number, number>>(ratingMap());
  ratingsProfileId = $state<number | null>(null);

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #profiles: ActiveProfile;

  constructor(client: MotifClient, report: ReportError, profiles: ActiveProfile) {
    this.#client = client;
    this.#report = report;
    this.#profiles = profiles;
  }

  ratingOf(id: number): number | null {
    return this.ratings.get(id) ?? null;
  }

  readonly loadRatings: () => Promise<void> = coalesce(async () => {
    const profileId = this.#profiles.activeId;
    if (profileId === null) {
      this.ratings = ratingMap();
      this.ratingsProfileId = null;
      return;
    }
    try {
      const rows = await this.#client.call('ratings.forProfile', { profileId });
      if (this.#profiles.activeId !== profileId) return;
      let loaded = ratingMap(rows.map((row) => [row.itemId, row.value] as const));
      // Ratings still being saved win over a listing that may predate them (quick key presses).
      for (const [id, pending] of this.#pendingRatings) {
        if (pending.profileId === profileId) loaded = withRating(loaded, [id], pending.value);
      }
      this.ratings = loaded;
      this.ratingsProfileId = profileId;
    } catch (error) {
      this.#report('Could not load ratings', error);
    }
  });

  /** Ratings sent but not yet confirmed, by item (the newest send for each item). */
  readonly #pendingRatings = new SvelteMap<number, { profileId: number; value: number | null; token: number }>();
  #ratingToken = 0;

  /** Rates items for the active profile (null clears); optimistic, rolled back on failure. */
  async rate(ids: readonly number[], value: number | null): Promise<boolean> {
    const profileId = this.#profiles.activeId;
    if (profileId === null || ids.length === 0) return false;
    const before = this.ratings;
    this.ratings = withRating(before, ids, value);
    const token = ++this.#ratingToken;
    for (const id of ids) this.#pendingRatings.set(id, { profileId, value, token });
    const settle = (): void => {
      for (const id of ids) if (this.#pendingRatings.get(id)?.token === token) this.#pendingRatings.delete(id);
    };
    try {
      for (const part of chunks(ids, BULK_LIMIT)) {
        await this.#client.call('ratings.set', { profileId, itemIds: part, value });
      }
      settle();
      return true;
    } catch (error) {
      settle();
      // Put back only these items: ratings loaded meanwhile for others stay.
      this.ratings = restoreRatings(this.ratings, before, ids);
      this.#report(ids.length === 1 ? 'Could not save the rating' : `Could not rate ${ids.length} items`, error);
      return false;
    }
  }
}
