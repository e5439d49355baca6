/**
 * Velocities for generated notes that keep the seed's feel: the seed's mean velocity at each
 * position in the bar (its accent pattern), else its overall mean, with a little seeded jitter
 * within the seed's own spread. Without a seed: 80 with a light downbeat accent.
 */
import { gaussian } from '../../ml/random';

export interface VelocityFeel {
  mean: number;
  spread: number;
  /** Mean velocity per position in the bar, where the seed had notes. */
  byPosition: Map<number, number>;
}

export function velocityFeel(notes: ReadonlyArray<{ velocity: number; position: number }>): VelocityFeel {
  if (notes.length === 0) return { mean: 80, spread: 4, byPosition: new Map([[0, 86]]) };
  const mean = notes.reduce((s, n) => s + n.velocity, 0) / notes.length;
  const variance = notes.reduce((s, n) => s + (n.velocity - mean) ** 2, 0) / notes.length;
  const sums = new Map<number, { sum: number; count: number }>();
  for (const n of notes) {
    const e = sums.get(n.position) ?? { sum: 0, count: 0 };
    e.sum += n.velocity;
    e.count += 1;
    sums.set(n.position, e);
  }
  const byPosition = new Map<number, number>();
  for (const [p, e] of sums) byPosition.set(p, e.sum / e.count);
  return { mean, spread: Math.sqrt(variance), byPosition };
}

/** A velocity (1-127) for a note at `position` in the bar. */
export function sampleVelocity(feel: VelocityFeel, position: number, random: () => number): number {
  const base = feel.byPosition.get(position) ?? feel.mean;
  const jitter = gaussian(random) * Math.min(feel.spread, 12) * 0.5;
  return Math.max(1, Math.min(127, Math.round(base + jitter)));
}
