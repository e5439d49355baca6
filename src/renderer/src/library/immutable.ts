/**
 * Copy-on-write helpers for the selection and the ratings. The store keeps them as one raw
 * state each and replaces them on change, so selecting or rating 100,000 items is one reactive
 * update rather than 100,000 (which SvelteSet / SvelteMap would make).
 */
export function idSet(ids: Iterable<number> = []): ReadonlySet<number> {
  return new Set(ids);
}

export function toggled(set: ReadonlySet<number>, id: number): ReadonlySet<number> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function union(set: ReadonlySet<number>, ids: Iterable<number>): ReadonlySet<number> {
  const next = new Set(set);
  for (const id of ids) next.add(id);
  return next;
}

export function ratingMap(rows: Iterable<readonly [number, number]> = []): ReadonlyMap<number, number> {
  return new Map(rows);
}

/** `ratings` with `ids` set to `value` (null removes them). */
export function withRating(
  ratings: ReadonlyMap<number, number>,
  ids: readonly number[],
  value: number | null,
): ReadonlyMap<number, number> {
  const next = new Map(ratings);
  for (const id of ids) {
    if (value === null) next.delete(id);
    else next.set(id, value);
  }
  return next;
}

/** `current` with the ratings of `ids` put back as they were in `before`. */
export function restoreRatings(
  current: ReadonlyMap<number, number>,
  before: ReadonlyMap<number, number>,
  ids: readonly number[],
): ReadonlyMap<number, number> {
  const next = new Map(current);
  for (const id of ids) {
    const old = before.get(id);
    if (old === undefined) next.delete(id);
    else next.set(id, old);
  }
  return next;
}
