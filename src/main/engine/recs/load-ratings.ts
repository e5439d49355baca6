import fs from 'node:fs';
import path from 'node:path';
import { ITEMS_FILE_FOR, type MovieLensFormat } from './movielens-format';
import { MotifError } from '../../../shared/errors';
import { parseItems, type ItemInfo } from './parse-items';
import { parseRatings, parseTrainTest } from './parse-ratings';
import { type RatingData, type RatingScale } from './ratings';

/** The thin file-system wrapper over the pure parsers. */

export interface LoadedRatings {
  readonly format: MovieLensFormat;
  readonly data: RatingData;
  /** Items from the item file, or null when there was none. */
  readonly items: Map<string, ItemInfo> | null;
  readonly itemsFile: string | null;
}

function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MotifError(
      code === 'ENOENT' ? 'not-found' : 'invalid-input',
      `${file}: cannot read (${code ?? String(error)})`,
      { cause: error },
    );
  }
}

/**
 * Load a rating file and its item file. `itemsFile` undefined looks for the conventional item
 * file beside the ratings (u.item, movies.csv, movies.dat); null loads no items.
 */
export function loadRatingsFile(
  file: string,
  options: { itemsFile?: string | null; scale?: RatingScale } = {},
): LoadedRatings {
  const { format, data } = parseRatings(
    readBytes(file),
    path.basename(file),
    options.scale ? { scale: options.scale } : {},
  );
  let itemsFile = options.itemsFile;
  if (itemsFile === undefined) {
    const beside = path.join(path.dirname(file), ITEMS_FILE_FOR[format]);
    itemsFile = fs.existsSync(beside) ? beside : null;
  }
  const items = itemsFile === null ? null : parseItems(readBytes(itemsFile), path.basename(itemsFile), format);
  return { format, data, items, itemsFile };
}

/** Load an explicit train/test pair (e.g. ml-100k's u1.base and u1.test) into one index space. */
export function loadTrainTestFiles(
  trainFile: string,
  testFile: string,
  options: { scale?: RatingScale } = {},
): { train: RatingData; test: RatingData } {
  return parseTrainTest(
    { input: readBytes(trainFile), file: path.basename(trainFile) },
    { input: readBytes(testFile), file: path.basename(testFile) },
    options,
  );
}
