/**
 * What generation starts from (see `generate.ts`): the step grid of a clip, checks on the common
 * options, the seed's top voice, the model context of a note list, and the random seed.
 */
import { MotifError } from '../../../../shared/errors';
import type { Clip } from '../../../../shared/music';
import { BarGrid, foldPitch, notesToEvents, quantiseNotes, topVoice, type StepNote } from './extract';
import type { GenerationOptions } from './generate-types';
import type { MelodyModel } from './store';
import { NO_EVENT_CLASS, encodeEvent } from './vocabulary';

export interface Grid {
  ticksPerStep: number;
  stepsPerBar: number;
  grid: BarGrid;
}

export function gridOf(model: MelodyModel, clip: Pick<Clip, 'ppq' | 'timeSignature'>): Grid {
  const spq = model.spec.stepsPerQuarter;
  const { numerator, denominator } = clip.timeSignature;
  const stepsPerBar = Math.max(1, Math.round((numerator * spq * 4) / Math.max(1, denominator)));
  return { ticksPerStep: clip.ppq / spq, stepsPerBar, grid: BarGrid.fixed(stepsPerBar) };
}

export function checkCommon(options: GenerationOptions): void {
  const bad = (message: string): never => {
    throw new MotifError('invalid-input', message);
  };
  if (!(options.temperature >= 0 && options.temperature <= 2)) bad('temperature must be between 0 and 2');
  if (!Number.isInteger(options.variations) || options.variations < 1 || options.variations > 8)
    bad('variations must be 1 to 8');
  const topK = options.topK ?? 0;
  if (!Number.isInteger(topK) || topK < 0) bad('top-k must be a whole number >= 0');
  const topP = options.topP ?? 1;
  if (!(topP > 0 && topP <= 1)) bad('top-p must be in (0, 1]');
  if (options.seed !== undefined && options.seed !== null && !Number.isInteger(options.seed))
    bad('seed must be an integer');
  if (options.key && (!Number.isInteger(options.key.tonic) || options.key.tonic < 0 || options.key.tonic > 11))
    bad('key tonic must be a pitch class 0-11');
}

/** The clip's top voice on the step grid, cut at `endStep`. */
export function seedNotes(clip: Clip, g: Grid, endStep: number): StepNote[] {
  return topVoice(quantiseNotes(clip.notes, g.ticksPerStep))
    .filter((n) => n.start < endStep)
    .map((n) => ({ ...n, end: Math.min(n.end, endStep) }));
}

/** Model classes and features for steps [from, to) of a monophonic note list (pitches shifted). */
export function contextOf(
  model: MelodyModel,
  g: Grid,
  notes: readonly StepNote[],
  from: number,
  to: number,
  shift: number,
): { tokens: Int32Array; features: Int32Array } {
  const { events } = notesToEvents(notes, from, to);
  const range = model.spec.range;
  const tokens = new Int32Array(events.length);
  const features = new Int32Array(events.length);
  events.forEach((e, k) => {
    tokens[k] = encodeEvent(range, e >= 0 ? foldPitch(e + shift, range) : e);
    features[k] = g.grid.position(from + k + 1); // the position of the step being predicted
  });
  return { tokens, features };
}

/**
 * The model's input before `at`: the notes from the bar that starts at most `maxContextSteps`
 * (default 512) earlier, or a lone "no event" at `at`'s position when there is nothing before it.
 */
export function contextBefore(
  model: MelodyModel,
  g: Grid,
  notes: readonly StepNote[],
  at: number,
  shift: number,
  maxContextSteps = 512,
): { tokens: Int32Array; features: Int32Array } {
  const from = Math.max(0, g.grid.barStart(Math.max(0, at - maxContextSteps)));
  return at > from
    ? contextOf(model, g, notes, from, at, shift)
    : { tokens: Int32Array.of(NO_EVENT_CLASS), features: Int32Array.of(g.grid.position(at)) };
}

export function resolveSeed(options: GenerationOptions): number {
  return options.seed ?? Math.floor(Math.random() * 2 ** 31);
}
