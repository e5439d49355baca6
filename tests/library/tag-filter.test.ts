import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { writePredictedTags } from '../../src/main/engine/catalogue/predicted-tags';
import type { LibraryPage } from '../../src/shared/api';
import type { MediaItem } from '../../src/shared/catalogue';
import { testEngine } from '../helpers/engine';

const engine: Engine = testEngine();
afterAll(() => engine.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

const { media } = engine.catalogue;
const add = (title: string, kind: 'image' | 'audio' = 'image'): number =>
  media.insert({ kind, path: `/lib/${title}.${kind === 'image' ? 'jpg' : 'wav'}`, title }).id;

const a = add('a');
const b = add('b');
const c = add('c');
const d = add('d', 'audio');
media.addTags(a, ['Close-up', 'night']);
media.addTags(b, ['close-up']); // same tag (tags are case-insensitive)
media.addTags(d, ['night']);
// Model tags count like any other for the filter.
writePredictedTags(
  engine.catalogue.db,
  4,
  ['close-up', 'long'],
  [
    { itemId: c, label: 'long', confidence: 0.8 },
    { itemId: b, label: 'long', confidence: 0.55 },
  ],
);

const titles = (page: LibraryPage): string[] => page.items.map((i) => i.title).sort();

describe('the Library tags filter', () => {
  it('keeps items carrying every given tag, case-insensitively, in library.list and library.ids', async () => {
    expect(titles(await call('library.list', { tags: ['close-up'] }))).toEqual(['a', 'b']);
    expect(titles(await call('library.list', { tags: ['CLOSE-UP', 'Night'] }))).toEqual(['a']);
    expect(titles(await call('library.list', { tags: ['night'] }))).toEqual(['a', 'd']);
    expect(titles(await call('library.list', { tags: ['night'], kind: 'audio' }))).toEqual(['d']);
    expect(titles(await call('library.list', { tags: ['long'] }))).toEqual(['b', 'c']);
    expect(titles(await call('library.list', { tags: ['long', 'close-up'] }))).toEqual(['b']);
    expect(await call('library.list', { tags: ['long', 'night'] })).toEqual({ items: [], total: 0 });
    expect(await call('library.list', { tags: ['nobody uses this'] })).toMatchObject({ total: 0 });
    // A repeated tag is one condition, not a count mismatch.
    expect((await call<LibraryPage>('library.list', { tags: ['night', 'NIGHT'] })).total).toBe(2);
    expect((await call<number[]>('library.ids', { tags: ['Close-Up'] })).sort()).toEqual([a, b].sort());
    expect(await call<number[]>('library.ids', { tags: ['close-up', 'night'] })).toEqual([a]);
    // Combined with search and sorting.
    expect(titles(await call('library.list', { tags: ['close-up'], query: 'b' }))).toEqual(['b']);
    expect(
      (await call<LibraryPage>('library.list', { tags: ['close-up'], sort: 'title', limit: 1 })).items.map(
        (i) => i.title,
      ),
    ).toEqual(['a']);
    expect((await call<LibraryPage>('library.list', { tags: ['close-up'], sort: 'title', limit: 1 })).total).toBe(2);
    // Too many tags, or an empty one, are refused at the boundary.
    expect(await engine.dispatch('library.list', { tags: [''] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });

  it('lists predicted tags with model version and confidence on listings and media.get; library.tags counts every tag', async () => {
    const item = await call<MediaItem>('media.get', { id: b });
    // A tag keeps the spelling it was first given ('Close-up').
    expect(item.tags).toEqual(['Close-up', 'long']);
    expect(item.predictedTags).toEqual([{ tag: 'long', modelId: 4, confidence: expect.closeTo(0.55, 5) }]);
    const page = await call<LibraryPage>('library.list', { tags: ['long'], profileId: undefined });
    expect(page.items.find((i) => i.id === c)?.predictedTags).toEqual([
      { tag: 'long', modelId: 4, confidence: expect.closeTo(0.8, 5) },
    ]);
    expect((await call<MediaItem>('media.get', { id: a })).predictedTags).toEqual([]);
    expect(await call('library.tags', {})).toEqual([
      { name: 'Close-up', count: 2 },
      { name: 'long', count: 2 },
      { name: 'night', count: 2 },
    ]);
    expect(await call('library.tags', { kind: 'audio' })).toEqual([{ name: 'night', count: 1 }]);
  });
});
