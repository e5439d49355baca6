/**
 * Generation with a loaded melody model, as pure engine functions over clips:
 * - `continueClip`: continue the clip (or a selection given as a clip) for 1-32 bars;
 * - `generateClip`: generate from silence;
 * - `infillClip`: regenerate a bar range, keeping the context before it as the model's history and
 *   choosing, per variation, the candidate under which what follows the range is most likely.
 * Options: temperature (0-2), top-k / top-p, 1-8 variations, an optional random seed (the same seed
 * gives the same notes), and a key/scale lock that masks the logits. Generated notes take the
 * seed's velocity feel, and each variation carries its memorisation meter.
 *
 * The model works in its own register: the seed is moved by whole octaves into the model's pitch
 * range (like training data) and the output moved back.
 *
 * The parts live beside this file: options and results in `generate-types.ts`, the step grid,
 * option checks and model context in `generate-inputs.ts`, sampling and decoding in
 * `generate-sampling.ts`, and `infillClip` in `infill.ts` (re-exported here).
 */
import { MotifError } from '../../../../shared/errors';
import type { Clip } from '../../../../shared/music';
import { mulberry32 } from '../../ml/random';
import { bestOctaveShift } from './extract';
import { checkCommon, contextBefore, gridOf, resolveSeed, seedNotes } from './generate-inputs';
import { decodeNotes, memorisationOf, sampleRows } from './generate-sampling';
import type { ContinueOptions, GenerationResult } from './generate-types';
import type { MelodyModel } from './store';
import { mixSeed } from './train';
import { velocityFeel } from './velocity';

export type {
  ContinueOptions,
  GenerationOptions,
  GenerationResult,
  InfillOptions,
  InfillResult,
  InfillVariation,
  Variation,
} from './generate-types';
export { infillClip } from './infill';

/** Continue a clip (or a selection given as a clip) by `bars` bars. */
export function continueClip(model: MelodyModel, clip: Clip, options: ContinueOptions): GenerationResult {
  checkCommon(options);
  if (!Number.isInteger(options.bars) || options.bars < 1 || options.bars > 32)
    throw new MotifError('invalid-input', 'bars must be 1 to 32');
  const started = performance.now();
  const g = gridOf(model, clip);
  const seed = resolveSeed(options);
  const startStep = Math.max(0, Math.round((options.startTick ?? clip.lengthTicks) / g.ticksPerStep));
  const steps = options.bars * g.stepsPerBar;
  const notes = seedNotes(clip, g, startStep);
  const shift = bestOctaveShift(
    notes.map((n) => n.pitch),
    model.spec.range,
  );
  const context = contextBefore(model, g, notes, startStep, shift, options.maxContextSteps);
  const feel = velocityFeel(notes.map((n) => ({ velocity: n.velocity, position: g.grid.position(n.start) })));
  const randoms = Array.from({ length: options.variations }, (_, v) => mulberry32(mixSeed(seed, v)));
  const sampled = sampleRows(model, g, context, startStep, steps, options.variations, randoms, options);
  model.net.disposeState(sampled.state);
  const variations = sampled.classes.map((classes, v) => ({
    notes: decodeNotes(model, g, classes, startStep, shift, feel, mulberry32(mixSeed(seed, v, 7)), `gen-${v + 1}-`),
    memorisation: memorisationOf(model, classes),
    logLikelihood: sampled.logLikelihood[v] ?? NaN,
  }));
  return {
    variations,
    startTick: Math.round(startStep * g.ticksPerStep),
    endTick: Math.round((startStep + steps) * g.ticksPerStep),
    seed,
    ms: performance.now() - started,
  };
}

/** Generate from silence into an empty clip with this grid and key. */
export function generateClip(
  model: MelodyModel,
  target: Pick<Clip, 'ppq' | 'timeSignature'> & { bpm?: number },
  options: ContinueOptions,
): GenerationResult {
  const clip: Clip = {
    ppq: target.ppq,
    timeSignature: target.timeSignature,
    bpm: target.bpm ?? 120,
    key: null,
    notes: [],
    lengthTicks: 0,
  };
  return continueClip(model, clip, { ...options, startTick: options.startTick ?? 0 });
}
