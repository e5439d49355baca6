/**
 * The in-memory rating matrix: one row per rating in flat typed arrays, with user and item
 * indices into id tables that map back to the external (file) ids. Subsets (cross-validation
 * folds) share the parent's id tables, so an index means the same user or item in every fold.
 */

/** The rating scale: values run from `min` to `max` in steps of `step`. */
export interface RatingScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export const FIVE_STARS: RatingScale = { min: 1, max: 5, step: 1 };
export const HALF_STARS: RatingScale = { min: 0.5, max: 5, step: 0.5 };

export interface RatingData {
  /** External id of each user index. */
  readonly userIds: readonly string[];
  /** External id of each item index. */
  readonly itemIds: readonly string[];
  /** Per rating: user index, item index, value (and timestamp in seconds when the file had one). */
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly values: Float64Array;
  readonly timestamps: Float64Array | null;
  readonly scale: RatingScale;
}

/** Maps external ids to dense indices in first-seen order. */
export class IdIndex {
  private readonly byId = new Map<string, number>();
  readonly ids: string[] = [];

  constructor(ids: readonly string[] = []) {
    for (const id of ids) this.add(id);
  }

  /** The index of `id`, adding it when new. */
  add(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const index = this.ids.length;
    this.byId.set(id, index);
    this.ids.push(id);
    return index;
  }

  get(id: string): number | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.ids.length;
  }
}

export function ratingCount(data: RatingData): number {
  return data.values.length;
}

/** The ratings at `indices` (in that order), sharing the parent's id tables. */
export function subsetRatings(data: RatingData, indices: ArrayLike<number>): RatingData {
  const n = indices.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const values = new Float64Array(n);
  const timestamps = data.timestamps ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const j = indices[k] ?? 0;
    users[k] = data.users[j] ?? 0;
    items[k] = data.items[j] ?? 0;
    values[k] = data.values[j] ?? 0;
    if (timestamps && data.timestamps) timestamps[k] = data.timestamps[j] ?? 0;
  }
  return { userIds: data.userIds, itemIds: data.itemIds, users, items, values, timestamps, scale: data.scale };
}

/** Build rating data from plain rows (tests, generated data, the catalogue). */
export function ratingsFromRows(
  rows: readonly (readonly [user: string | number, item: string | number, value: number])[],
  scale: RatingScale = FIVE_STARS,
): RatingData {
  const userIndex = new IdIndex();
  const itemIndex = new IdIndex();
  const users = new Int32Array(rows.length);
  const items = new Int32Array(rows.length);
  const values = new Float64Array(rows.length);
  rows.forEach(([u, i, r], k) => {
    users[k] = userIndex.add(String(u));
    items[k] = itemIndex.add(String(i));
    values[k] = r;
  });
  return { userIds: userIndex.ids, itemIds: itemIndex.ids, users, items, values, timestamps: null, scale };
}

/** Number of ratings per user index and per item index. */
export function countRatings(data: RatingData): { perUser: Int32Array; perItem: Int32Array } {
  const perUser = new Int32Array(data.userIds.length);
  const perItem = new Int32Array(data.itemIds.length);
  for (let k = 0; k < data.values.length; k++) {
    const u = data.users[k] ?? 0;
    const i = data.items[k] ?? 0;
    perUser[u] = (perUser[u] ?? 0) + 1;
    perItem[i] = (perItem[i] ?? 0) + 1;
  }
  return { perUser, perItem };
}

export function meanRating(data: RatingData): number {
  let sum = 0;
  for (let k = 0; k < data.values.length; k++) sum += data.values[k] ?? 0;
  return data.values.length > 0 ? sum / data.values.length : 0;
}

export function clip(value: number, scale: RatingScale): number {
  return value < scale.min ? scale.min : value > scale.max ? scale.max : value;
}

/**
 * Ratings grouped by user (compressed sparse rows). `start[u]..start[u+1]` index `item`/`value`.
 * Within a user, ratings keep their order in the data.
 */
export interface UserRows {
  readonly start: Int32Array;
  readonly item: Int32Array;
  readonly value: Float64Array;
}

export function groupByUser(data: RatingData): UserRows {
  return group(data.users, data.items, data.values, data.userIds.length);
}

/** Ratings grouped by item: `start[i]..start[i+1]` index `item` (here: the user) and `value`. */
export function groupByItem(data: RatingData): UserRows {
  return group(data.items, data.users, data.values, data.itemIds.length);
}

function group(keys: Int32Array, others: Int32Array, vals: Float64Array, nKeys: number): UserRows {
  const start = new Int32Array(nKeys + 1);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] ?? 0;
    start[key + 1] = (start[key + 1] ?? 0) + 1;
  }
  for (let u = 0; u < nKeys; u++) start[u + 1] = (start[u + 1] ?? 0) + (start[u] ?? 0);
  const fill = start.slice(0, nKeys);
  const item = new Int32Array(keys.length);
  const value = new Float64Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] ?? 0;
    const at = fill[key] ?? 0;
    fill[key] = at + 1;
    item[at] = others[k] ?? 0;
    value[at] = vals[k] ?? 0;
  }
  return { start, item, value };
}
