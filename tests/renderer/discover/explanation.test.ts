import { describe, expect, it } from 'vitest';
import { explain, explanationText, sourceBadge, starText } from '../../../src/renderer/src/discover/explanation';
import { rec } from './fixtures';

describe('explanations', () => {
  it('says which rated item a collaborative suggestion is close to', () => {
    const r = rec(1, {
      source: 'ratings',
      because: [
        { itemId: 7, title: 'Ode to Joy', rating: 5, similarity: 0.92 },
        { itemId: 8, title: 'Greensleeves', rating: 4.5, similarity: 0.81 },
        { itemId: 9, title: 'Third', rating: 4, similarity: 0.5 },
      ],
    });
    expect(explanationText(r)).toBe('Because you rated Ode to Joy 5★ and Greensleeves 4.5★');
    expect(
      explain(r)
        .filter((s) => s.em)
        .map((s) => s.text),
    ).toEqual(['Ode to Joy', 'Greensleeves']);
  });

  it('names the tags a profile rates highly', () => {
    expect(explanationText(rec(1, { source: 'tags', tags: ['ambient'] }))).toBe('You rate ambient highly');
    expect(explanationText(rec(1, { source: 'tags', tags: ['ambient', 'night', 'drone'] }))).toBe(
      'You rate ambient and night highly',
    );
  });

  it('gives the mean and count of popular items', () => {
    expect(explanationText(rec(1, { source: 'popular', popularity: { mean: 4.333, count: 12 } }))).toBe(
      'Popular: 4.3★ from 12 ratings',
    );
    expect(explanationText(rec(1, { source: 'popular', popularity: { mean: 4, count: 1 } }))).toBe(
      'Popular: 4★ from 1 rating',
    );
  });

  it('does not call an item popular when the others rate it low', () => {
    const low = rec(1, { source: 'popular', popularity: { mean: 1.5, count: 2 } });
    expect(explanationText(low)).toBe('Others rate it 1.5★ (2 ratings)');
    expect(sourceBadge(low).label).toBe('Rated');
    expect(sourceBadge(rec(1, { source: 'popular', popularity: { mean: 4, count: 2 } })).label).toBe('Popular');
    expect(sourceBadge(rec(1, { source: 'tags' })).label).toBe('Your tags');
  });

  it('falls back to what the engine gave, and to "new"', () => {
    expect(explanationText(rec(1, { source: 'new' }))).toBe('New in your library');
    expect(explanationText(rec(1, { source: 'ratings', tags: ['jazz'] }))).toBe('You rate jazz highly');
    expect(explanationText(rec(1, { source: 'popular' }))).toBe('New in your library');
    expect(explanationText(rec(1, { source: 'ratings' }))).toBe('Close to what you rate highly');
  });

  it('writes stars with at most one decimal', () => {
    expect(starText(5)).toBe('5★');
    expect(starText(4.5)).toBe('4.5★');
    expect(starText(3.96)).toBe('4★');
    expect(starText(3.84)).toBe('3.8★');
  });
});
