/**
 * Discover's suggestions for the active profile: `recs.for` under the kind filter, refreshed when
 * ratings, media or models change (debounced) and when the profile changes.
 *
 * Rating a card in place saves it and asks for new suggestions at once (the engine folds the new
 * rating in, so the list changes); the rated card stays where it was, showing its new rating, for
 * a moment and for as long as the pointer rests on it, rather than vanishing under the pointer.
 * "Not interested" hides a card the same way, leaving an Undo in its place for a while.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { ApiInput, MotifClient } from '../../../shared/api';
import type { Recommendations } from '../../../shared/recs';
import { coalesce } from '../lib/coalesce';
import type { ActiveProfile } from '../library/library.svelte';
import type { ReportError } from '../state/toasts.svelte';
import { mergeHeld, type DiscoverCard, type Held } from './cards';
import type { DiscoverKind } from './kinds';

export interface SuggestionsOptions {
  /** Suggestions per request. */
  limit?: number;
  /** Quiet time after a burst of catalogue changes before refetching. */
  refreshDelayMs?: number;
  /** How long a card rated in place stays on screen. */
  keepRatedMs?: number;
  /** How long a hidden card offers Undo. */
  undoMs?: number;
}

const REFRESH_TABLES = new Set(['ratings', 'media', 'models']);

export class SuggestionsStore {
  kind = $state<DiscoverKind>('all');
  /** The last answer for the current profile and filter. */
  result = $state.raw<Recommendations | null>(null);
  /** An answer for the current profile and filter has arrived. */
  loaded = $state(false);
  loading = $state(false);

  readonly #held = new SvelteMap<number, Held>();
  cards = $derived(mergeHeld(this.result?.items ?? [], this.#held.values()));

  readonly limit: number;
  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #profiles: ActiveProfile;
  readonly #refreshDelayMs: number;
  readonly #keepRatedMs: number;
  readonly #undoMs: number;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #hovered: number | null = null;

  constructor(client: MotifClient, report: ReportError, profiles: ActiveProfile, options: SuggestionsOptions = {}) {
    this.#client = client;
    this.#report = report;
    this.#profiles = profiles;
    this.limit = options.limit ?? 24;
    this.#refreshDelayMs = options.refreshDelayMs ?? 300;
    this.#keepRatedMs = options.keepRatedMs ?? 2500;
    this.#undoMs = options.undoMs ?? 8000;
  }

  get profileId(): number | null {
    return this.#profiles.activeId;
  }

  /** Listens to catalogue and profile changes and loads; the returned function undoes it. */
  connect(): () => void {
    const stops = [
      this.#client.on('catalogue.changed', ({ table }) => {
        if (REFRESH_TABLES.has(table)) this.scheduleRefresh();
      }),
      this.#profiles.onChange(() => this.#startOver()),
    ];
    void this.load();
    return () => {
      for (const stop of stops) stop();
      if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
      this.#refreshTimer = null;
    };
  }

  /** The `recs.for` input for the active profile and the kind filter, or null without a profile. */
  request(): ApiInput<'recs.for'> | null {
    const profileId = this.#profiles.activeId;
    if (profileId === null) return null;
    const input: ApiInput<'recs.for'> = { profileId, limit: this.limit };
    if (this.kind !== 'all') input.kinds = [this.kind];
    return input;
  }

  setKind(kind: DiscoverKind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.#startOver();
  }

  /** Fetches suggestions now; calls that overlap share one request and one follow-up. */
  readonly load: () => Promise<void> = coalesce(async () => {
    const input = this.request();
    if (input === null) {
      this.result = null;
      this.loaded = false;
      return;
    }
    this.loading = true;
    try {
      const result = await this.#client.call('recs.for', input);
      // The profile or the filter changed meanwhile: the follow-up run will fetch the right list.
      if (JSON.stringify(this.request()) !== JSON.stringify(input)) return;
      this.result = result;
      this.loaded = true;
    } catch (error) {
      this.#report('Could not load suggestions', error);
    } finally {
      this.loading = false;
    }
  });

  /** Refetch once a burst of catalogue changes has settled. */
  scheduleRefresh(): void {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.load();
    }, this.#refreshDelayMs);
  }

  /** Rates a card in place (null clears); it stays put for a moment with its new rating. */
  async rate(itemId: number, value: number | null): Promise<boolean> {
    const profileId = this.#profiles.activeId;
    const index = this.cards.findIndex((card) => card.rec.item.id === itemId);
    const card = this.cards[index];
    if (profileId === null || !card || card.state === 'dismissed') return false;
    const before = this.#held.get(itemId);
    this.#hold(itemId, { rec: card.rec, state: 'rated', rating: value, index }, null);
    try {
      await this.#client.call('ratings.set', { profileId, itemIds: [itemId], value });
    } catch (error) {
      this.#release(itemId);
      if (before) this.#hold(itemId, before, before.timer === null ? null : this.#keepRatedMs);
      this.#report('Could not save the rating', error);
      return false;
    }
    const held = this.#held.get(itemId);
    if (held?.state === 'rated' && held.rating === value) this.#hold(itemId, held, this.#keepRatedMs);
    if (this.#profiles.activeId === profileId) await this.load();
    return true;
  }

  /** "Not interested": hides the card, leaving an Undo in its place for a while. */
  async dismiss(itemId: number): Promise<boolean> {
    const profileId = this.#profiles.activeId;
    const index = this.cards.findIndex((card) => card.rec.item.id === itemId);
    const card = this.cards[index];
    if (profileId === null || !card || card.state === 'dismissed') return false;
    this.#hold(itemId, { rec: card.rec, state: 'dismissed', rating: card.rating, index }, this.#undoMs);
    try {
      await this.#client.call('recs.dismiss', { profileId, itemIds: [itemId] });
    } catch (error) {
      this.#release(itemId);
      this.#report(`Could not hide “${card.rec.item.title}”`, error);
      return false;
    }
    if (this.#profiles.activeId === profileId) await this.load();
    return true;
  }

  /** Brings a hidden card back into the suggestions. */
  async undoDismiss(itemId: number): Promise<boolean> {
    const profileId = this.#profiles.activeId;
    const held = this.#held.get(itemId);
    if (profileId === null || held?.state !== 'dismissed') return false;
    // Shown again at once, and held until the refreshed list (which has it back) arrives.
    this.#hold(itemId, { ...held, state: 'suggested' }, null);
    try {
      await this.#client.call('recs.dismiss', { profileId, itemIds: [itemId], dismissed: false });
      await this.load();
      this.#release(itemId);
      return true;
    } catch (error) {
      this.#hold(itemId, held, this.#undoMs);
      this.#report(`Could not bring back “${held.rec.item.title}”`, error);
      return false;
    }
  }

  /** The pointer is over this card (or none): a held card whose time is up waits for it to leave. */
  hover(itemId: number | null): void {
    const previous = this.#hovered;
    this.#hovered = itemId;
    if (previous !== null && previous !== itemId && this.#held.get(previous)?.expired) this.#release(previous);
  }

  /** Held cards go now (switching profile or filter starts over). */
  #startOver(): void {
    for (const id of [...this.#held.keys()]) this.#release(id);
    this.result = null;
    this.loaded = false;
    void this.load();
  }

  #hold(itemId: number, card: DiscoverCard & { index: number }, ms: number | null): void {
    const existing = this.#held.get(itemId);
    if (existing?.timer) clearTimeout(existing.timer);
    const timer =
      ms === null
        ? null
        : setTimeout(() => {
            const current = this.#held.get(itemId);
            if (current?.timer !== timer) return;
            if (this.#hovered === itemId && current.state === 'rated') {
              this.#held.set(itemId, { ...current, timer: null, expired: true });
            } else {
              this.#release(itemId);
            }
          }, ms);
    this.#held.set(itemId, {
      rec: card.rec,
      state: card.state,
      rating: card.rating,
      index: card.index,
      timer,
      expired: false,
    });
  }

  #release(itemId: number): void {
    const held = this.#held.get(itemId);
    if (held?.timer) clearTimeout(held.timer);
    this.#held.delete(itemId);
  }
}
