/** Snap values and grid maths: pure functions over ticks. */

export const SNAP_VALUES = ['1/4', '1/8', '1/16', '1/32', '1/4T', '1/8T', '1/16T', 'off'] as const;
export type Snap = (typeof SNAP_VALUES)[number];

export const SNAP_LABELS: Record<Snap, string> = {
  '1/4': '1/4',
  '1/8': '1/8',
  '1/16': '1/16',
  '1/32': '1/32',
  '1/4T': '1/4 triplet',
  '1/8T': '1/8 triplet',
  '1/16T': '1/16 triplet',
  off: 'Off',
};

/** Note value (as a fraction of a whole note) and whether it is a triplet, per snap. */
const SNAP_FRACTIONS: Record<Exclude<Snap, 'off'>, { division: number; triplet: boolean }> = {
  '1/4': { division: 4, triplet: false },
  '1/8': { division: 8, triplet: false },
  '1/16': { division: 16, triplet: false },
  '1/32': { division: 32, triplet: false },
  '1/4T': { division: 4, triplet: true },
  '1/8T': { division: 8, triplet: true },
  '1/16T': { division: 16, triplet: true },
};

export function isSnap(value: unknown): value is Snap {
  return typeof value === 'string' && (SNAP_VALUES as readonly string[]).includes(value);
}

/** Length of one grid step in ticks, or null when snapping is off. Triplets are 2/3 of the straight value. */
export function snapTicks(snap: Snap, ppq: number): number | null {
  if (snap === 'off') return null;
  const { division, triplet } = SNAP_FRACTIONS[snap];
  const straight = (ppq * 4) / division;
  return Math.max(1, Math.round(triplet ? (straight * 2) / 3 : straight));
}

/** The grid step edits use: the snap when it is on, else `fallback` (1 tick for free moves). */
export function stepTicks(snap: Snap, ppq: number, fallback: number): number {
  return snapTicks(snap, ppq) ?? fallback;
}

export function roundTo(tick: number, grid: number | null): number {
  if (grid === null || grid <= 0) return Math.round(tick);
  return Math.round(tick / grid) * grid;
}

export function floorTo(tick: number, grid: number | null): number {
  if (grid === null || grid <= 0) return Math.floor(tick);
  return Math.floor(tick / grid) * grid;
}

export function ceilTo(tick: number, grid: number | null): number {
  if (grid === null || grid <= 0) return Math.ceil(tick);
  return Math.ceil(tick / grid) * grid;
}

/**
 * Quantises an onset and a duration to `grid`: the start rounds to the nearest line, the end rounds
 * to the nearest line too, and the result is never shorter than one step.
 */
export function quantiseSpan(
  tick: number,
  durationTicks: number,
  grid: number,
): { tick: number; durationTicks: number } {
  const start = Math.max(0, roundTo(tick, grid));
  const end = roundTo(tick + durationTicks, grid);
  return { tick: start, durationTicks: Math.max(grid, end - start) };
}
