/** What a Library result (a grid card or a list row) takes from the store for its item. */
import type { MediaItem, Waveform } from '../../../shared/catalogue';
import type { LibraryStore } from './library.svelte';

export interface ItemProps {
  rating: number | null;
  onrate: (value: number | null) => void;
  loadWaveform: (id: number) => Promise<Waveform | null>;
  peekWaveform: (id: number) => Waveform | null | undefined;
}

export function itemProps(library: LibraryStore, item: MediaItem): ItemProps {
  return {
    rating: library.ratingOf(item.id),
    onrate: (value) => void library.rate([item.id], value),
    loadWaveform: (id) => library.loadWaveform(id),
    peekWaveform: (id) => library.waveforms.peek(id),
  };
}

/** Shift-click extends the selection: keep the browser from selecting text as well. */
export function keepTextUnselected(event: MouseEvent): void {
  if (event.shiftKey) event.preventDefault();
}
