/**
 * The cards Discover shows: the engine's suggestions, with the cards the profile just rated or
 * hid held where they were (the engine's next list no longer has them).
 */
import type { Recommendation } from '../../../shared/recs';

export type CardState = 'suggested' | 'rated' | 'dismissed';

export interface DiscoverCard {
  rec: Recommendation;
  state: CardState;
  /** The profile's rating, once rated here (suggestions themselves are unrated). */
  rating: number | null;
}

export interface Held extends DiscoverCard {
  /** Where the card was when it was rated or hidden. */
  index: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Its time is up, but the pointer is on it: it goes when the pointer leaves. */
  expired: boolean;
}

/** The engine's list with held cards put back where they were. */
export function mergeHeld(items: readonly Recommendation[], held: Iterable<Held>): DiscoverCard[] {
  const pinned = [...held].sort((a, b) => a.index - b.index);
  const ids = new Set(pinned.map((h) => h.rec.item.id));
  const cards: DiscoverCard[] = items
    .filter((rec) => !ids.has(rec.item.id))
    .map((rec) => ({ rec, state: 'suggested', rating: null }));
  for (const h of pinned) {
    cards.splice(Math.min(h.index, cards.length), 0, { rec: h.rec, state: h.state, rating: h.rating });
  }
  return cards;
}
