/** `infillClip`: regenerate a bar range of a clip so that it joins what follows (see `generate.ts`). */
import { MotifError } from '../../../../shared/errors';
import type { Clip } from '../../../../shared/music';
import { mulberry32 } from '../../ml/random';
import { bestOctaveShift, quantiseNotes, topVoice } from './extract';
import { checkCommon, contextBefore, contextOf, gridOf, resolveSeed } from './generate-inputs';
import { decodeNotes, logSoftmaxAt, memorisationOf, sampleRows } from './generate-sampling';
import type { InfillOptions, InfillResult, InfillVariation } from './generate-types';
import type { MelodyModel } from './store';
import { mixSeed } from './train';
import { velocityFeel } from './velocity';
import { FIRST_PITCH_CLASS, NO_EVENT_CLASS, NOTE_OFF_CLASS } from './vocabulary';

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
  const context = contextBefore(model, g, before, fromStep, shift, options.maxContextSteps);
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
