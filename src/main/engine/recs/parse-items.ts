import { splitCsvLine } from './csv';
import { type MovieLensFormat } from './movielens-format';
import { RatingsFileError } from './parse-error';
import { decodeText, numberedLines } from './text-decode';

/** A film from a MovieLens item file. */
export interface ItemInfo {
  readonly id: string;
  readonly title: string;
  /** The release year taken from a trailing "(1995)" in the title, or null. */
  readonly year: number | null;
  readonly genres: string[];
}

/** ml-100k's `u.genre`, in the order of u.item's 19 genre flags. */
export const U_ITEM_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

const ID = /^\d+$/;

/**
 * Parse the item file that goes with a rating layout: `u.item` (`|`-separated, 5 fields then 19
 * genre flags, Latin-1), `movies.csv` (header `movieId,title,genres`, UTF-8) or `movies.dat`
 * (`MovieID::Title::Genres`, UTF-8 or Latin-1). Errors name the file and line.
 */
export function parseItems(input: string | Uint8Array, file: string, format: MovieLensFormat): Map<string, ItemInfo> {
  const text = decodeText(input, format === 'u.data' ? 'latin1' : 'auto');
  const out = new Map<string, ItemInfo>();
  let headerSeen = format !== 'ratings.csv';
  for (const [line, lineNumber] of numberedLines(text)) {
    if (line.trim() === '') continue;
    let id: string;
    let title: string;
    let genres: string[];
    if (format === 'u.data') {
      const f = line.split('|');
      if (f.length !== 5 + U_ITEM_GENRES.length) {
        throw new RatingsFileError(
          file,
          lineNumber,
          `expected ${5 + U_ITEM_GENRES.length} |-separated fields (id, title, release date, video date, URL, 19 genre flags), found ${f.length}`,
        );
      }
      id = f[0] ?? '';
      title = f[1] ?? '';
      genres = [];
      for (let g = 0; g < U_ITEM_GENRES.length; g++) {
        const flag = f[5 + g];
        if (flag !== '0' && flag !== '1')
          throw new RatingsFileError(file, lineNumber, `bad genre flag ${JSON.stringify(flag)} (expected 0 or 1)`);
        if (flag === '1') genres.push(U_ITEM_GENRES[g] ?? '');
      }
    } else {
      let f: string[];
      if (format === 'ratings.csv') {
        const split = splitCsvLine(line);
        if (!split) throw new RatingsFileError(file, lineNumber, 'unterminated quoted field');
        f = split;
        if (!headerSeen) {
          if ((f[0] ?? '').trim().toLowerCase() !== 'movieid' || (f[1] ?? '').trim().toLowerCase() !== 'title') {
            throw new RatingsFileError(
              file,
              lineNumber,
              `expected a movieId,title,genres header, found ${JSON.stringify(line)}`,
            );
          }
          headerSeen = true;
          continue;
        }
      } else {
        f = line.split('::');
      }
      if (f.length !== 3)
        throw new RatingsFileError(file, lineNumber, `expected 3 fields (movieId, title, genres), found ${f.length}`);
      id = f[0] ?? '';
      title = f[1] ?? '';
      const g = (f[2] ?? '').trim();
      genres = g === '' || g === '(no genres listed)' ? [] : g.split('|');
    }
    id = id.trim();
    title = title.trim();
    if (!ID.test(id))
      throw new RatingsFileError(file, lineNumber, `bad item id ${JSON.stringify(id)} (expected a whole number)`);
    if (out.has(id)) throw new RatingsFileError(file, lineNumber, `item ${id} is listed twice`);
    const year = /\((\d{4})\)\s*$/.exec(title);
    out.set(id, { id, title, year: year ? Number(year[1]) : null, genres });
  }
  return out;
}
