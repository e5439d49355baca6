/** Sort timed events by tick, keeping file order among events at the same tick (sort is stable). */
export function sortByTick<T extends { tick: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.tick - b.tick);
}

/** Sort by tick and drop events identical to one already kept (same tick, same values). */
export function dedupeEvents<T extends { tick: number }>(events: readonly T[]): T[] {
  const seen = new Set<string>();
  return sortByTick(events).filter((event) => {
    const key = JSON.stringify(event);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
