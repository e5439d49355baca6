/** Discover's kind filter chips and the words it uses for each kind (songs and stills, not "audio" and "images"). */
import type { MediaItem, MediaKind } from '../../../shared/catalogue';
import { dimensionsOf, folderOf, fileNameOf } from '../library/format';

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

/**
 * The line under a card's title: the artist or album when there is one, else the folder the
 * file sits in (stills often share file names across folders), with a still's size.
 */
export function cardSubline(item: MediaItem): string {
  const folder = fileNameOf(folderOf(item.path));
  const dims = item.kind === 'image' ? dimensionsOf(item) : null;
  const parts = [item.artist ?? item.album ?? (folder === '' ? KIND_NAMES[item.kind] : folder)];
  if (dims) parts.push(`${dims.width} × ${dims.height}`);
  return parts.join(' · ');
}
