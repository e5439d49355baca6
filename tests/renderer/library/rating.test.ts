import { describe, expect, it } from 'vitest';
import {
  clampRating,
  nextRatingOnClick,
  ratingFromKey,
  ratingFromPointer,
  ratingFromRow,
  ratingText,
  starFill,
} from '../../../src/renderer/src/library/rating';

describe('rating from the pointer', () => {
  it('gives a half star on the left half of a star and a whole one on the right', () => {
    expect(ratingFromPointer(0, 3, 16)).toBe(0.5);
    expect(ratingFromPointer(0, 12, 16)).toBe(1);
    expect(ratingFromPointer(3, 7.9, 16)).toBe(3.5);
    expect(ratingFromPointer(3, 8, 16)).toBe(4);
    expect(ratingFromPointer(4, 15, 16)).toBe(5);
  });

  it('maps a position along the whole row of five stars', () => {
    expect(ratingFromRow(0, 100)).toBe(0.5);
    expect(ratingFromRow(19, 100)).toBe(1);
    expect(ratingFromRow(65, 100)).toBe(3.5);
    expect(ratingFromRow(100, 100)).toBe(5);
    expect(ratingFromRow(-20, 100)).toBe(0.5);
    expect(ratingFromRow(500, 100)).toBe(5);
  });

  it('clears when the current rating is clicked again', () => {
    expect(nextRatingOnClick(3.5, 3.5)).toBeNull();
    expect(nextRatingOnClick(3.5, 4)).toBe(4);
    expect(nextRatingOnClick(null, 0.5)).toBe(0.5);
  });
});

describe('rating from the keyboard', () => {
  it('steps by half a star with the arrows, within 0.5..5', () => {
    expect(ratingFromKey(null, 'ArrowRight')).toBe(0.5);
    expect(ratingFromKey(3, 'ArrowUp')).toBe(3.5);
    expect(ratingFromKey(5, 'ArrowRight')).toBe(5);
    expect(ratingFromKey(3, 'ArrowLeft')).toBe(2.5);
    expect(ratingFromKey(0.5, 'ArrowDown')).toBeNull();
    expect(ratingFromKey(null, 'ArrowLeft')).toBeNull();
  });

  it('clears with 0, Delete or Backspace; digits set whole stars; Home and End go to the ends', () => {
    for (const key of ['0', 'Delete', 'Backspace']) expect(ratingFromKey(4, key)).toBeNull();
    expect(ratingFromKey(null, '4')).toBe(4);
    expect(ratingFromKey(2, 'Home')).toBe(0.5);
    expect(ratingFromKey(2, 'End')).toBe(5);
  });

  it('lets other keys through', () => {
    expect(ratingFromKey(3, 'Tab')).toBeUndefined();
    expect(ratingFromKey(3, '6')).toBeUndefined();
    expect(ratingFromKey(3, 'a')).toBeUndefined();
  });
});

describe('star display', () => {
  it('fills full, half and empty stars', () => {
    expect([0, 1, 2, 3, 4].map((i) => starFill(3.5, i))).toEqual(['full', 'full', 'full', 'half', 'empty']);
    expect([0, 1, 2, 3, 4].map((i) => starFill(null, i))).toEqual(['empty', 'empty', 'empty', 'empty', 'empty']);
    expect(starFill(5, 4)).toBe('full');
  });

  it('describes and clamps ratings', () => {
    expect(ratingText(null)).toBe('Not rated');
    expect(ratingText(1)).toBe('1 star');
    expect(ratingText(4.5)).toBe('4.5 stars');
    expect(clampRating(7)).toBe(5);
    expect(clampRating(0)).toBe(0.5);
    expect(clampRating(2.3)).toBe(2.5);
  });
});
