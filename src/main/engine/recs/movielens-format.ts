import { RatingsFileError } from './parse-error';
import { numberedLines } from './text-decode';

/**
 * The three MovieLens rating layouts:
 * - `u.data` (ml-100k): `user<TAB>item<TAB>rating<TAB>timestamp`, no header; items in `u.item`.
 * - `ratings.csv` (ml-latest, ml-20m, ml-25m): header `userId,movieId,rating,timestamp`; items in
 *   `movies.csv` (`movieId,title,genres`, titles quoted when they hold commas).
 * - `ratings.dat` (ml-1m, ml-10m): `UserID::MovieID::Rating::Timestamp`; items in `movies.dat`.
 */
export type MovieLensFormat = 'u.data' | 'ratings.csv' | 'ratings.dat';

export const ITEMS_FILE_FOR: Record<MovieLensFormat, string> = {
  'u.data': 'u.item',
  'ratings.csv': 'movies.csv',
  'ratings.dat': 'movies.dat',
};

const EXPECTED =
  'expected a MovieLens rating file: u.data (tab-separated user, item, rating, timestamp), ' +
  'ratings.csv (with a userId,movieId,rating[,timestamp] header) or ratings.dat (UserID::MovieID::Rating::Timestamp)';

/** Detect the layout from the first non-empty line; anything else is an `invalid-input` error. */
export function detectRatingsFormat(text: string, fileName: string): MovieLensFormat {
  for (const [line, lineNumber] of numberedLines(text)) {
    if (line.trim() === '') continue;
    if (line.includes('::')) return 'ratings.dat';
    if (line.includes(',')) {
      const names = line.split(',').map((f) => f.trim().replace(/^"|"$/g, '').toLowerCase());
      if (names.includes('userid') && names.includes('movieid') && names.includes('rating')) return 'ratings.csv';
    }
    if (line.split('\t').length >= 3) return 'u.data';
    if (line.includes(',')) {
      throw new RatingsFileError(
        fileName,
        lineNumber,
        `comma-separated file without a userId,movieId,rating header; ${EXPECTED}`,
      );
    }
    throw new RatingsFileError(fileName, lineNumber, `unrecognised layout; ${EXPECTED}`);
  }
  throw new RatingsFileError(fileName, 0, 'the file is empty (no ratings)');
}
