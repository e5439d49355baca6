/** Axis pieces shared by the studio's training charts (Compose's Train tab, the Stills lab). */

/** The chart's size and the margins around its plot area, in SVG units. */
export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Tick {
  at: number;
  label: string;
}

/** A round number at or above `value` (1, 2, 2.5, 5 × 10^n). */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const exp = Math.floor(Math.log10(value));
  const base = 10 ** exp;
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * base + 1e-9) return step * base;
  return 10 * base;
}
