/** Catalogue records and a scripted `library.list` for the Library tests. */
import type { ApiInput, LibraryPage } from '../../../src/shared/api';
import type { MediaItem, MediaKind, Profile, Waveform } from '../../../src/shared/catalogue';

export function mediaItem(overrides: Partial<MediaItem> & { id: number }): MediaItem {
  const kind = overrides.kind ?? 'audio';
  const ext = kind === 'audio' ? 'mp3' : kind === 'midi' ? 'mid' : kind === 'image' ? 'png' : 'mkv';
  return {
    kind,
    path: `/music/item-${overrides.id}.${ext}`,
    contentHash: `hash-${overrides.id}`,
    size: 1000 + overrides.id,
    mtimeMs: 1_700_000_000_000,
    title: `Item ${overrides.id}`,
    artist: null,
    album: null,
    durationS: kind === 'audio' ? 125 : null,
    metadata: kind === 'image' ? { width: 640, height: 480, format: 'png' } : {},
    tags: [],
    addedAt: '2025-01-01T10:00:00.000Z',
    missing: false,
    ...overrides,
  };
}

/** `count` items, newest (highest id) first like the engine's default order; kinds rotate. */
export function catalogue(count: number, kinds: readonly MediaKind[] = ['audio', 'image', 'midi']): MediaItem[] {
  return Array.from({ length: count }, (_, i) => {
    const id = count - i;
    return mediaItem({ id, kind: kinds[i % kinds.length] ?? 'audio', title: `Item ${id}` });
  });
}

/** Answers `library.list` like the engine: filters, then limit/offset, with the filtered total. */
export function listFrom(items: readonly MediaItem[]): (input: ApiInput<'library.list'>) => LibraryPage {
  const anyMissing = items.some((item) => item.missing);
  return (input) => {
    const query = input.query?.toLowerCase();
    const unfiltered =
      input.kind === undefined && query === undefined && (input.includeMissing === true || !anyMissing);
    const matching = unfiltered
      ? items
      : items.filter(
          (item) =>
            (input.kind === undefined || item.kind === input.kind) &&
            (input.includeMissing === true || !item.missing) &&
            (query === undefined || item.title.toLowerCase().includes(query) || item.tags.includes(query)),
        );
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 100;
    return { items: matching.slice(offset, offset + limit), total: matching.length };
  };
}

export function profile(id: number, name: string): Profile {
  return { id, name, createdAt: '2025-01-01T10:00:00.000Z' };
}

export function waveform(itemId: number, buckets = 8): Waveform {
  const channel = Array.from({ length: buckets }, (_, b) => [-(b + 1) / buckets, (b + 1) / buckets]).flat();
  return { itemId, durationS: 12, sampleRate: 44_100, peaks: [channel] };
}

/** Lets chained promise callbacks run without timers (works under fake timers too). */
export async function flush(rounds = 12): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** An in-memory Storage stand-in. */
export class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}
