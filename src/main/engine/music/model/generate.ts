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
 */
import type { Tensor2D } from '@tensorflow/tfjs';
import { MotifError } from '../../../../shared/errors';
import type { Clip, ClipNote } from '../../../../shared/music';
import { mulberry32 } from '../../ml/random';
import {
  BarGrid,
  bestOctaveShift,
  eventsToNotes,
  foldPitch,
  notesToEvents,
  quantiseNotes,
  topVoice,
  type StepNote,
} from './extract';
import type { LstmState } from './lstm';
import type { MemorisationMatch } from './memorisation';
import { keyMask, sampleClass, type KeyLock } from './sampling';
import type { MelodyModel } from './store';
import { mixSeed } from './train';
import { sampleVelocity, velocityFeel, type VelocityFeel } from './velocity';
import { decodeEvent, encodeEvent, FIRST_PITCH_CLASS, NO_EVENT_CLASS, NOTE_OFF_CLASS } from './vocabulary';

export interface GenerationOptions {
  /** 0 = most likely event at each step; 1 = the model's distribution; up to 2. */
  temperature: number;
  /** Keep the k most likely events (0 = off). */
  topK?: number;
  /** Nucleus sampling threshold (1 = off). */
  topP?: number;
  /** 1-8. */
  variations: number;
  /** Random seed; the same seed and inputs give the same notes. Drawn when absent (and returned). */
  seed?: number | null;
  /** Lock generated pitches to this key's scale. */
  key?: KeyLock | null;
  /** At most this many seed steps are fed to the model (default 512). */
  maxContextSteps?: number;
}

export interface ContinueOptions extends GenerationOptions {
  /** 1-32. */
  bars: number;
  /** Where the continuation starts (default: the clip's length), rounded to the step grid. */
  startTick?: number;
}

export interface InfillOptions extends GenerationOptions {
  /** First bar regenerated (0-based, inclusive). */
  fromBar: number;
  /** Bar after the last one regenerated (exclusive). */
  toBar: number;
  /** Candidates sampled per variation, the best-joined one kept (default 4). */
  candidates?: number;
}

export interface Variation {
  /** The generated notes, at absolute ticks of the clip. */
  notes: ClipNote[];
  memorisation: MemorisationMatch | null;
  /** Mean log-probability per generated step under the model (temperature 1). */
  logLikelihood: number;
}

export interface GenerationResult {
  variations: Variation[];
  startTick: number;
  endTick: number;
  seed: number;
  /** Wall time of the generation, ms. */
  ms: number;
}

export interface InfillVariation extends Variation {
  /** The whole clip's notes with the range replaced. */
  clipNotes: ClipNote[];
}

export interface InfillResult extends GenerationResult {
  variations: InfillVariation[];
}

interface Grid {
  ticksPerStep: number;
  stepsPerBar: number;
  grid: BarGrid;
}

function gridOf(model: MelodyModel, clip: Pick<Clip, 'ppq' | 'timeSignature'>): Grid {
  const spq = model.spec.stepsPerQuarter;
  const { numerator, denominator } = clip.timeSignature;
  const stepsPerBar = Math.max(1, Math.round((numerator * spq * 4) / Math.max(1, denominator)));
  return { ticksPerStep: clip.ppq / spq, stepsPerBar, grid: BarGrid.fixed(stepsPerBar) };
}

function checkCommon(options: GenerationOptions): void {
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
function seedNotes(clip: Clip, g: Grid, endStep: number): StepNote[] {
  return topVoice(quantiseNotes(clip.notes, g.ticksPerStep))
    .filter((n) => n.start < endStep)
    .map((n) => ({ ...n, end: Math.min(n.end, endStep) }));
}

/** Model classes and features for steps [from, to) of a monophonic note list (pitches shifted). */
function contextOf(
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

function logSoftmaxAt(row: Float32Array, index: number): number {
  let max = -Infinity;
  for (const v of row) max = Math.max(max, v);
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  return (row[index] ?? 0) - max - Math.log(sum);
}

interface SampledRows {
  classes: Uint8Array[];
  logLikelihood: number[];
  state: LstmState;
}

/**
 * Prime the net with a context (batch 1), then sample `steps` events for `rows` rows, each with its
 * own generator. Returns the classes, their mean log-probabilities and the state (the caller
 * disposes it) after feeding every sampled event but the last.
 */
function sampleRows(
  model: MelodyModel,
  g: Grid,
  context: { tokens: Int32Array; features: Int32Array },
  startStep: number,
  steps: number,
  rows: number,
  randoms: Array<() => number>,
  options: GenerationOptions,
): SampledRows {
  const { tf } = model.net;
  const net = model.net;
  const vocab = net.config.vocabSize;
  const mask = options.key ? keyMask(model.spec.range, options.key) : null;
  const sampling = { temperature: options.temperature, topK: options.topK ?? 0, topP: options.topP ?? 1 };
  const prepared = net.prepare();
  let state: LstmState | null = null;
  try {
    const primed = net.run(
      context.tokens,
      net.config.featureSize > 0 ? context.features : null,
      context.tokens.length,
      1,
      null,
      prepared,
    );
    const primedLogits = primed.logits.dataSync().slice((context.tokens.length - 1) * vocab);
    primed.logits.dispose();
    state = {
      h: primed.state.h.map((h) => tf.tile(h, [rows, 1]) as Tensor2D),
      c: primed.state.c.map((c) => tf.tile(c, [rows, 1]) as Tensor2D),
    };
    net.disposeState(primed.state);
    const classes = Array.from({ length: rows }, () => new Uint8Array(steps));
    const logp = new Array<number>(rows).fill(0);
    let logits: Float32Array = new Float32Array(rows * vocab);
    for (let r = 0; r < rows; r++) logits.set(primedLogits, r * vocab);
    for (let k = 0; k < steps; k++) {
      const tokens = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        const row = logits.subarray(r * vocab, (r + 1) * vocab);
        const cls = sampleClass(row, sampling, randoms[r] ?? Math.random, mask);
        (classes[r] as Uint8Array)[k] = cls;
        logp[r] = (logp[r] ?? 0) + logSoftmaxAt(row, cls);
        tokens[r] = cls;
      }
      if (k === steps - 1) break; // the last sampled event is not fed: callers may feed it
      const features = new Int32Array(rows).fill(g.grid.position(startStep + k + 1));
      const out = net.run(tokens, net.config.featureSize > 0 ? features : null, 1, rows, state, prepared);
      net.disposeState(state);
      state = out.state;
      if (k < steps - 1) logits = out.logits.dataSync() as Float32Array;
      out.logits.dispose();
    }
    const result = { classes, logLikelihood: logp.map((v) => v / Math.max(1, steps)), state };
    state = null;
    return result;
  } finally {
    if (state) net.disposeState(state);
    net.disposePrepared(prepared);
  }
}

/** Notes of generated classes starting at `startStep`, back in the user's register. */
function decodeNotes(
  model: MelodyModel,
  g: Grid,
  classes: Uint8Array,
  startStep: number,
  shift: number,
  feel: VelocityFeel,
  random: () => number,
  idPrefix: string,
): ClipNote[] {
  const range = model.spec.range;
  const events = Array.from(classes, (c) => {
    const e = decodeEvent(range, c);
    return e >= 0 ? e - shift : e;
  });
  return eventsToNotes(events, null).map((n, k) => ({
    id: `${idPrefix}${k + 1}`,
    pitch: Math.max(0, Math.min(127, n.pitch)),
    tick: Math.round((startStep + n.start) * g.ticksPerStep),
    durationTicks: Math.max(1, Math.round((n.end - n.start) * g.ticksPerStep)),
    velocity: sampleVelocity(feel, g.grid.position(startStep + n.start), random),
  }));
}

function memorisationOf(model: MelodyModel, classes: Uint8Array): MemorisationMatch | null {
  return model.index ? model.index.longestMatch(classes, (c) => c >= FIRST_PITCH_CLASS) : null;
}

function resolveSeed(options: GenerationOptions): number {
  return options.seed ?? Math.floor(Math.random() * 2 ** 31);
}

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
  const maxContext = options.maxContextSteps ?? 512;
  const from = Math.max(0, g.grid.barStart(Math.max(0, startStep - maxContext)));
  const context =
    startStep > from
      ? contextOf(model, g, notes, from, startStep, shift)
      : { tokens: Int32Array.of(NO_EVENT_CLASS), features: Int32Array.of(g.grid.position(startStep)) };
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

/**
 * Regenerate bars [fromBar, toBar) of a clip: the notes before are the model's history, the range
 * is resampled, and of `candidates` fills per variation the one under which the following bars
 * are most likely is kept, so the new range joins what follows.
 */
export function infillClip(model: MelodyModel, clip: Clip, options: InfillOptions): InfillResult {
  checkCommon(options);
  const started = performance.now();
  const g = gridOf(model, clip);
  const { fromBar, toBar } = options;
  if (
    !Number.isInteger(fromBar) ||
    !Number.isInteger(toBar) ||
    fromBar < 0 ||
    toBar <= fromBar ||
    toBar - fromBar > 32
  ) {
    throw new MotifError('invalid-input', 'the bar range must be whole bars, at most 32, with fromBar < toBar');
  }
  const candidates = options.candidates ?? 4;
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 16)
    throw new MotifError('invalid-input', 'candidates must be 1 to 16');
  const seed = resolveSeed(options);
  const fromStep = fromBar * g.stepsPerBar;
  const toStep = toBar * g.stepsPerBar;
  const steps = toStep - fromStep;
  const all = topVoice(quantiseNotes(clip.notes, g.ticksPerStep));
  const shift = bestOctaveShift(
    all.map((n) => n.pitch),
    model.spec.range,
  );
  const before = all.filter((n) => n.start < fromStep).map((n) => ({ ...n, end: Math.min(n.end, fromStep) }));
  const after = all.filter((n) => n.start >= toStep);
  const maxContext = options.maxContextSteps ?? 512;
  const from = Math.max(0, g.grid.barStart(Math.max(0, fromStep - maxContext)));
  const context =
    fromStep > from
      ? contextOf(model, g, before, from, fromStep, shift)
      : { tokens: Int32Array.of(NO_EVENT_CLASS), features: Int32Array.of(g.grid.position(fromStep)) };
  const lastAfter = after.reduce((m, n) => Math.max(m, n.end), toStep);
  const followSteps = Math.min(2 * g.stepsPerBar, lastAfter - toStep + 1);
  const useCandidates = after.length > 0 ? candidates : 1;
  const rows = options.variations * useCandidates;
  const randoms = Array.from({ length: rows }, (_, r) =>
    mulberry32(mixSeed(seed, Math.floor(r / useCandidates), r % useCandidates)),
  );
  const sampled = sampleRows(model, g, context, fromStep, steps, rows, randoms, options);
  const net = model.net;
  // Score how well each candidate joins the following bars: log p(following events | fill).
  const joinScore = new Array<number>(rows).fill(0);
  if (after.length > 0 && followSteps > 0) {
    const following = contextOf(model, g, after, toStep, toStep + followSteps, shift).tokens;
    const vocab = net.config.vocabSize;
    const tokens = new Int32Array(followSteps * rows);
    const features = new Int32Array(followSteps * rows);
    const targets: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const fill = sampled.classes[r] as Uint8Array;
      const sounding = (() => {
        for (let k = fill.length - 1; k >= 0; k--)
          if ((fill[k] ?? 0) !== NO_EVENT_CLASS) return (fill[k] ?? 0) >= FIRST_PITCH_CLASS;
        return before.length > 0 && (before[before.length - 1]?.end ?? 0) >= fromStep;
      })();
      const t = Array.from(following);
      if (t[0] === NO_EVENT_CLASS && sounding) t[0] = NOTE_OFF_CLASS; // the fill's last note ends at the range's end
      targets.push(t);
    }
    // Inputs: the state already holds the fill up to its second-last event; feed the last fill event then the following ones.
    for (let s = 0; s < followSteps; s++) {
      for (let r = 0; r < rows; r++) {
        const fill = sampled.classes[r] as Uint8Array;
        tokens[s * rows + r] = s === 0 ? (fill[fill.length - 1] ?? 0) : ((targets[r] as number[])[s - 1] ?? 0);
        features[s * rows + r] = g.grid.position(toStep + s);
      }
    }
    const out = net.run(tokens, net.config.featureSize > 0 ? features : null, followSteps, rows, sampled.state);
    const logits = out.logits.dataSync() as Float32Array;
    out.logits.dispose();
    net.disposeState(out.state);
    for (let s = 0; s < followSteps; s++) {
      for (let r = 0; r < rows; r++) {
        const row = logits.subarray((s * rows + r) * vocab, (s * rows + r + 1) * vocab);
        joinScore[r] = (joinScore[r] ?? 0) + logSoftmaxAt(row, (targets[r] as number[])[s] ?? 0);
      }
    }
  }
  net.disposeState(sampled.state);
  const feel = velocityFeel(
    [...before, ...after].map((n) => ({ velocity: n.velocity, position: g.grid.position(n.start) })),
  );
  const fromTick = Math.round(fromStep * g.ticksPerStep);
  const toTick = Math.round(toStep * g.ticksPerStep);
  const kept = clip.notes
    .filter((n) => n.tick < fromTick || n.tick >= toTick)
    .map((n) =>
      n.tick < fromTick && n.tick + n.durationTicks > fromTick ? { ...n, durationTicks: fromTick - n.tick } : n,
    );
  const variations: InfillVariation[] = [];
  for (let v = 0; v < options.variations; v++) {
    let best = v * useCandidates;
    for (let c = 1; c < useCandidates; c++) {
      const r = v * useCandidates + c;
      if ((joinScore[r] ?? -Infinity) > (joinScore[best] ?? -Infinity)) best = r;
    }
    const classes = sampled.classes[best] as Uint8Array;
    const notes = decodeNotes(
      model,
      g,
      classes,
      fromStep,
      shift,
      feel,
      mulberry32(mixSeed(seed, v, 7)),
      `fill-${v + 1}-`,
    ).map((n) => ({
      ...n,
      durationTicks: Math.max(1, Math.min(n.durationTicks, toTick - n.tick)),
    }));
    variations.push({
      notes,
      memorisation: memorisationOf(model, classes),
      logLikelihood: sampled.logLikelihood[best] ?? NaN,
      clipNotes: [...kept, ...notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch),
    });
  }
  return { variations, startTick: fromTick, endTick: toTick, seed, ms: performance.now() - started };
}
