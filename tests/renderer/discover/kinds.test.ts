import { describe, expect, it } from 'vitest';
import { cardSubline, kindPlural } from '../../../src/renderer/src/discover/kinds';
import { mediaItem } from '../library/fixtures';

describe('card wording', () => {
  it('names the folder of a still (file names repeat across folders) with its size', () => {
    const still = mediaItem({ id: 1, kind: 'image', path: '/demo/Stills/close-up/day-1.png' });
    expect(cardSubline(still)).toBe('close-up · 640 × 480');
  });

  it('prefers the artist or album, and falls back to the kind for items without a file', () => {
    expect(cardSubline(mediaItem({ id: 2, artist: 'Beethoven' }))).toBe('Beethoven');
    expect(cardSubline(mediaItem({ id: 3, album: 'Folk tunes' }))).toBe('Folk tunes');
    expect(cardSubline(mediaItem({ id: 4, kind: 'film', path: null }))).toBe('Film');
    expect(cardSubline(mediaItem({ id: 5, kind: 'midi', path: '/music/Tunes/a.mid' }))).toBe('Tunes');
  });

  it('says what ran out', () => {
    expect(kindPlural('all')).toBe('suggestions');
    expect(kindPlural('image')).toBe('stills');
    expect(kindPlural('audio')).toBe('songs');
  });
});
