/**
 * Star rating maths: 0.5 to 5 in half stars, or null for "not rated". A click on the left half
 * of star n (1-based) gives n - 0.5, on the right half n. Keys: arrows step half a star, Home and
 * End go to the ends, 0 / Delete / Backspace clear, 1-5 set whole stars.
 */
export const MAX_STARS = 5;
export const MIN_RATING = 0.5;

export function clampRating(value: number): number {
  return Math.min(MAX_STARS, Math.max(MIN_RATING, Math.round(value * 2) / 2));
}

/** The rating a pointer at `offsetX` inside star `starIndex` (0-based, `width` px wide) picks. */
export function ratingFromPointer(starIndex: number, offsetX: number, width: number): number {
  const index = Math.min(MAX_STARS - 1, Math.max(0, Math.floor(starIndex)));
  const leftHalf = width > 0 && offsetX < width / 2;
  return index + (leftHalf ? 0.5 : 1);
}

/** The rating a pointer picks along a whole row of stars (x from the row's left edge). */
export function ratingFromRow(offsetX: number, rowWidth: number, stars = MAX_STARS): number {
  if (!(rowWidth > 0)) return MIN_RATING;
  const starWidth = rowWidth / stars;
  const x = Math.min(rowWidth - 0.001, Math.max(0, offsetX));
  const index = Math.floor(x / starWidth);
  return ratingFromPointer(index, x - index * starWidth, starWidth);
}

/** Clicking the rating an item already has clears it (like most media managers). */
export function nextRatingOnClick(current: number | null, picked: number): number | null {
  return current === picked ? null : picked;
}

/**
 * The rating a key press asks for: a number, null to clear, or undefined when the key is not a
 * rating key (let it through).
 */
export function ratingFromKey(current: number | null, key: string): number | null | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clampRating((current ?? 0) + 0.5);
    case 'ArrowLeft':
    case 'ArrowDown':
      return current === null || current <= MIN_RATING ? null : clampRating(current - 0.5);
    case 'Home':
      return MIN_RATING;
    case 'End':
      return MAX_STARS;
    case '0':
    case 'Delete':
    case 'Backspace':
      return null;
    default:
      if (/^[1-5]$/.test(key)) return Number(key);
      return undefined;
  }
}

export type StarFill = 'full' | 'half' | 'empty';

export function starFill(value: number | null, starIndex: number): StarFill {
  const v = value ?? 0;
  if (v >= starIndex + 1) return 'full';
  if (v >= starIndex + 0.5) return 'half';
  return 'empty';
}

export function ratingText(value: number | null): string {
  if (value === null) return 'Not rated';
  return `${value} ${value === 1 ? 'star' : 'stars'}`;
}
