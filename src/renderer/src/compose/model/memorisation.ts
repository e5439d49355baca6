/** How to read a variation's memorisation meter: the longest stretch copied from the training data. */
import type { MemorisationMeter } from '../../../../shared/melody';

export type MemorisationLevel = 'low' | 'some' | 'high';

/** Steps are 16ths by default: 16 steps are a bar of 4/4. */
const SOME_STEPS = 32;
const HIGH_STEPS = 64;

/**
 * 'high' when most of the phrase (3/4) or 4+ bars come verbatim from a training tune, 'some' from
 * 40% or 2 bars, else 'low'. Short shared motifs are normal in any idiom; long ones are copying.
 */
export function memorisationLevel(meter: MemorisationMeter): MemorisationLevel {
  if (meter.fraction >= 0.75 || meter.steps >= HIGH_STEPS) return 'high';
  if (meter.fraction >= 0.4 || meter.steps >= SOME_STEPS) return 'some';
  return 'low';
}

/** "Longest copied stretch: 6 of 32 steps". */
export function memorisationText(meter: MemorisationMeter): string {
  return `Longest copied stretch: ${meter.steps} of ${meter.phraseSteps} steps`;
}

export const MEMORISATION_HINTS: Record<MemorisationLevel, string> = {
  low: 'Mostly new: only short motifs also occur in the training tunes.',
  some: 'Borrows a noticeable phrase from a training tune.',
  high: 'Largely copied from a training tune.',
};
