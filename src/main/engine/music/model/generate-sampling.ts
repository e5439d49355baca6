/**
 * Sampling and decoding for generation (see `generate.ts`): log-probabilities, batched sampling
 * of rows from a primed net, generated classes back to notes, and the memorisation meter.
 */
import type { Tensor2D } from '@tensorflow/tfjs';
import type { ClipNote } from '../../../../shared/music';
import { eventsToNotes } from './extract';
import type { Grid } from './generate-inputs';
import type { GenerationOptions } from './generate-types';
import type { LstmState } from './lstm';
import type { MemorisationMatch } from './memorisation';
import { keyMask, sampleClass } from './sampling';
import type { MelodyModel } from './store';
import { sampleVelocity, type VelocityFeel } from './velocity';
import { decodeEvent, FIRST_PITCH_CLASS } from './vocabulary';

export function logSoftmaxAt(row: Float32Array, index: number): number {
  let max = -Infinity;
  for (const v of row) max = Math.max(max, v);
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  return (row[index] ?? 0) - max - Math.log(sum);
}

export interface SampledRows {
  classes: Uint8Array[];
  logLikelihood: number[];
  state: LstmState;
}

/**
 * Prime the net with a context (batch 1), then sample `steps` events for `rows` rows, each with its
 * own generator. Returns the classes, their mean log-probabilities and the state (the caller
 * disposes it) after feeding every sampled event but the last.
 */
export function sampleRows(
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
export function decodeNotes(
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

export function memorisationOf(model: MelodyModel, classes: Uint8Array): MemorisationMatch | null {
  return model.index ? model.index.longestMatch(classes, (c) => c >= FIRST_PITCH_CLASS) : null;
}
