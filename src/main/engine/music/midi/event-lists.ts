/** Sort timed events by tick, keeping file order among events at the same tick (sort is stable). */
export function sortByTick<T extends { tick: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.tick - b.tick);
}

/** Sort by tick and drop events identical to one already kept (same tick, same values). */
export function dedupeEvents<T extends { tick: number }>(events: readonly T[]): T[] {
  const out: T[] = [];
  let runStart = 0; // first kept event at the current tick
  for (const event of sortByTick(events)) {
    if (out.length > 0 && out[out.length - 1]?.tick !== event.tick) runStart = out.length;
    let duplicate = false;
    for (let i = runStart; i < out.length && !duplicate; i += 1) duplicate = sameValues(out[i], event);
    if (!duplicate) out.push(event);
  }
  return out;
}

function sameValues(a: object | undefined, b: object): boolean {
  if (a === undefined) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((k) => left[k] === right[k]);
}
