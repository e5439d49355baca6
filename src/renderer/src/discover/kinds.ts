/** Discover's kind filter chips and the words it uses for each kind (songs and stills, not "audio" and "images"). */
import type { MediaKind } from '../../../shared/catalogue';

export type DiscoverKind = 'all' | MediaKind;

export const DISCOVER_KINDS: ReadonlyArray<{ id: DiscoverKind; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'audio', label: 'Songs' },
  { id: 'midi', label: 'MIDI' },
  { id: 'image', label: 'Stills' },
  { id: 'film', label: 'Films' },
];

/** One item of a kind, as a card names it. */
export const KIND_NAMES: Record<MediaKind, string> = {
  audio: 'Song',
  midi: 'MIDI',
  image: 'Still',
  film: 'Film',
};

/** Several items of a kind, lower case, for sentences ("no more stills to suggest"). */
export function kindPlural(kind: DiscoverKind): string {
  return kind === 'all' ? 'suggestions' : (DISCOVER_KINDS.find((k) => k.id === kind)?.label ?? 'items').toLowerCase();
}
