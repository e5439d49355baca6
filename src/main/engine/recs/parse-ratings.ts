import { splitCsvLine } from './csv';
import { detectRatingsFormat, type MovieLensFormat } from './movielens-format';
import { RatingsFileError } from './parse-error';
import { FIVE_STARS, HALF_STARS, IdIndex, type RatingData, type RatingScale } from './ratings';
import { decodeText, numberedLines } from './text-decode';

/** Rating rows as read from one file, before indexing. */
export interface ParsedRatingRows {
  readonly file: string;
  readonly format: MovieLensFormat;
  readonly users: string[];
  readonly items: string[];
  readonly values: Float64Array;
  /** Seconds since the epoch, or null when the file has no timestamp column. */
  readonly timestamps: Float64Array | null;
  /** The 1-based line each row came from. */
  readonly lines: Int32Array;
}

const ID = /^\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a MovieLens rating file (text or bytes). The layout is auto-detected unless given. Every
 * problem is a RatingsFileError naming the file and line; nothing partial is ever returned.
 * Scale and duplicate checks happen when the rows are turned into RatingData.
 */
export function parseRatingRows(input: string | Uint8Array, file: string, format?: MovieLensFormat): ParsedRatingRows {
  const text = decodeText(input, 'auto');
  const layout = format ?? detectRatingsFormat(text, file);
  const users: string[] = [];
  const items: string[] = [];
  const values: number[] = [];
  const timestamps: number[] = [];
  const lines: number[] = [];
  let columns: { user: number; item: number; rating: number; timestamp: number; count: number } | null = null;
  if (layout !== 'ratings.csv') columns = { user: 0, item: 1, rating: 2, timestamp: 3, count: 4 };

  for (const [line, lineNumber] of numberedLines(text)) {
    if (line.trim() === '') continue;
    let fields: string[];
    if (layout === 'ratings.csv') {
      const split = splitCsvLine(line);
      if (!split) throw new RatingsFileError(file, lineNumber, 'unterminated quoted field');
      fields = split.map((f) => f.trim());
      if (!columns) {
        columns = csvColumns(fields, file, lineNumber);
        continue;
      }
    } else {
      fields = layout === 'u.data' ? line.split('\t') : line.split('::');
      fields = fields.map((f) => f.trim());
    }
    const cols = columns;
    if (!cols) continue;
    if (fields.length !== cols.count) {
      throw new RatingsFileError(
        file,
        lineNumber,
        `expected ${cols.count} fields (${describeColumns(layout, cols.count)}), found ${fields.length}`,
      );
    }
    const user = fields[cols.user] ?? '';
    const item = fields[cols.item] ?? '';
    const rating = fields[cols.rating] ?? '';
    if (!ID.test(user))
      throw new RatingsFileError(file, lineNumber, `bad user id ${JSON.stringify(user)} (expected a whole number)`);
    if (!ID.test(item))
      throw new RatingsFileError(file, lineNumber, `bad item id ${JSON.stringify(item)} (expected a whole number)`);
    if (!NUMBER.test(rating))
      throw new RatingsFileError(file, lineNumber, `bad rating ${JSON.stringify(rating)} (expected a number)`);
    const value = Number(rating);
    if (!Number.isFinite(value)) throw new RatingsFileError(file, lineNumber, `bad rating ${JSON.stringify(rating)}`);
    if (cols.timestamp >= 0) {
      const ts = fields[cols.timestamp] ?? '';
      if (!ID.test(ts))
        throw new RatingsFileError(file, lineNumber, `bad timestamp ${JSON.stringify(ts)} (expected whole seconds)`);
      timestamps.push(Number(ts));
    }
    users.push(user);
    items.push(item);
    values.push(value);
    lines.push(lineNumber);
  }
  if (values.length === 0) {
    throw new RatingsFileError(
      file,
      0,
      columns && layout === 'ratings.csv' ? 'the file has a header but no ratings' : 'the file is empty (no ratings)',
    );
  }
  return {
    file,
    format: layout,
    users,
    items,
    values: Float64Array.from(values),
    timestamps: columns && columns.timestamp >= 0 ? Float64Array.from(timestamps) : null,
    lines: Int32Array.from(lines),
  };
}

function csvColumns(header: string[], file: string, lineNumber: number) {
  const find = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const user = find('userId');
  const item = find('movieId');
  const rating = find('rating');
  const timestamp = find('timestamp');
  if (user < 0 || item < 0 || rating < 0) {
    throw new RatingsFileError(
      file,
      lineNumber,
      `header must name userId, movieId and rating columns, found ${JSON.stringify(header.join(','))}`,
    );
  }
  return { user, item, rating, timestamp, count: header.length };
}

function describeColumns(format: MovieLensFormat, count: number): string {
  if (format === 'u.data') return 'user, item, rating, timestamp separated by tabs';
  if (format === 'ratings.dat') return 'UserID::MovieID::Rating::Timestamp';
  return `${count} columns as in the header`;
}

/** True when `value` lies on `scale` (within its range and on its step grid). */
export function onScale(value: number, scale: RatingScale): boolean {
  if (value < scale.min - 1e-9 || value > scale.max + 1e-9) return false;
  const steps = (value - scale.min) / scale.step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

/**
 * Detect the scale: whole stars 1-5 when every value is a whole number from 1 to 5, half stars
 * 0.5-5 when every value is a multiple of 0.5 from 0.5 to 5. Any other value is an error at its
 * line (pass the scale explicitly for other data).
 */
export function detectScale(rows: readonly ParsedRatingRows[]): RatingScale {
  let half = false;
  for (const r of rows) {
    for (let k = 0; k < r.values.length; k++) {
      const v = r.values[k] ?? 0;
      if (!onScale(v, HALF_STARS)) {
        throw new RatingsFileError(
          r.file,
          r.lines[k] ?? 0,
          `rating ${v} is outside the supported scales (1-5 stars, or 0.5-5 in half stars)`,
        );
      }
      if (!onScale(v, FIVE_STARS)) half = true;
    }
  }
  return half ? HALF_STARS : FIVE_STARS;
}

export interface BuildOptions {
  /** The scale; detected from the rows when absent. */
  scale?: RatingScale;
  /** Shared id tables (e.g. a train and a test file in one index space). */
  users?: IdIndex;
  items?: IdIndex;
}

/**
 * Index parsed rows into RatingData, checking the scale and that no (user, item) pair repeats.
 * Several row sets (a train and a test file) can be combined with shared ids by calling this per
 * set with the same `users`/`items` tables and `scale`, after `checkNoOverlap`.
 */
export function buildRatingData(rows: ParsedRatingRows, options: BuildOptions = {}): RatingData {
  const scale = options.scale ?? detectScale([rows]);
  for (let k = 0; k < rows.values.length; k++) {
    const v = rows.values[k] ?? 0;
    if (!onScale(v, scale)) {
      throw new RatingsFileError(
        rows.file,
        rows.lines[k] ?? 0,
        `rating ${v} is outside the scale ${scale.min}-${scale.max} (step ${scale.step})`,
      );
    }
  }
  const userIndex = options.users ?? new IdIndex();
  const itemIndex = options.items ?? new IdIndex();
  const n = rows.values.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    users[k] = userIndex.add(rows.users[k] ?? '');
    items[k] = itemIndex.add(rows.items[k] ?? '');
  }
  const dup = findDuplicate(users, items, userIndex.size, itemIndex.size);
  if (dup) {
    const line = rows.lines[dup.second] ?? 0;
    const first = rows.lines[dup.first] ?? 0;
    throw new RatingsFileError(
      rows.file,
      line,
      `duplicate rating: user ${rows.users[dup.second]} already rated item ${rows.items[dup.second]} on line ${first}`,
    );
  }
  return {
    userIds: userIndex.ids,
    itemIds: itemIndex.ids,
    users,
    items,
    values: rows.values,
    timestamps: rows.timestamps,
    scale,
  };
}

/** The earliest row that repeats an earlier (user, item) pair, with the row it repeats. */
export function findDuplicate(
  users: Int32Array,
  items: Int32Array,
  nUsers: number,
  nItems: number,
): { first: number; second: number } | null {
  // Group rows by user (stable), then mark items per user.
  const start = new Int32Array(nUsers + 1);
  for (let k = 0; k < users.length; k++) {
    const slot = (users[k] ?? 0) + 1;
    start[slot] = (start[slot] ?? 0) + 1;
  }
  for (let u = 0; u < nUsers; u++) start[u + 1] = (start[u + 1] ?? 0) + (start[u] ?? 0);
  const fill = start.slice(0, nUsers);
  const order = new Int32Array(users.length);
  for (let k = 0; k < users.length; k++) {
    const u = users[k] ?? 0;
    order[fill[u] ?? 0] = k;
    fill[u] = (fill[u] ?? 0) + 1;
  }
  const seenBy = new Int32Array(nItems).fill(-1);
  const seenRow = new Int32Array(nItems);
  let best: { first: number; second: number } | null = null;
  for (let u = 0; u < nUsers; u++) {
    for (let p = start[u] ?? 0; p < (start[u + 1] ?? 0); p++) {
      const k = order[p] ?? 0;
      const i = items[k] ?? 0;
      if (seenBy[i] === u) {
        if (!best || k < best.second) best = { first: seenRow[i] ?? 0, second: k };
      } else {
        seenBy[i] = u;
        seenRow[i] = k;
      }
    }
  }
  return best;
}

/** Parse and index one rating file (text or bytes): the pure entry point. */
export function parseRatings(
  input: string | Uint8Array,
  file: string,
  options: BuildOptions & { format?: MovieLensFormat } = {},
): { format: MovieLensFormat; data: RatingData } {
  const rows = parseRatingRows(input, file, options.format);
  return { format: rows.format, data: buildRatingData(rows, options) };
}

/**
 * Parse a train and a test file into one index space (users and items keep the same index in
 * both). The scale is detected over both unless given. A (user, item) pair in both files is an
 * error at its test-file line: it would leak the answer into training.
 */
export function parseTrainTest(
  train: { input: string | Uint8Array; file: string },
  test: { input: string | Uint8Array; file: string },
  options: { scale?: RatingScale } = {},
): { train: RatingData; test: RatingData } {
  const trainRows = parseRatingRows(train.input, train.file);
  const testRows = parseRatingRows(test.input, test.file);
  const scale = options.scale ?? detectScale([trainRows, testRows]);
  const users = new IdIndex();
  const items = new IdIndex();
  const trainData = buildRatingData(trainRows, { scale, users, items });
  const testData = buildRatingData(testRows, { scale, users, items });
  const nItems = items.size;
  const trainPairs = new Set<number>();
  for (let k = 0; k < trainData.values.length; k++)
    trainPairs.add((trainData.users[k] ?? 0) * nItems + (trainData.items[k] ?? 0));
  for (let k = 0; k < testData.values.length; k++) {
    if (trainPairs.has((testData.users[k] ?? 0) * nItems + (testData.items[k] ?? 0))) {
      throw new RatingsFileError(
        test.file,
        testRows.lines[k] ?? 0,
        `user ${testRows.users[k]} rated item ${testRows.items[k]} in the training file too`,
      );
    }
  }
  // Both share the final id tables.
  return {
    train: { ...trainData, userIds: users.ids, itemIds: items.ids },
    test: { ...testData, userIds: users.ids, itemIds: items.ids },
  };
}
