/**
 * Held-out metrics of the LSTM on whole melodies (state carried from the first step to the last,
 * the same protocol as the n-gram's `score`: the first event is given, every later one predicted):
 * next-event accuracy, event accuracy (targets that are not no-event) and perplexity.
 */
import type { EncodedMelody } from './dataset';
import type { LstmNet, LstmState } from './lstm';
import { NO_EVENT_CLASS } from './vocabulary';

export interface HeldOutMetrics {
  crossEntropy: number;
  perplexity: number;
  accuracy: number;
  eventAccuracy: number;
  count: number;
  eventCount: number;
}

export interface EvaluateOptions {
  /** Melodies run side by side. */
  batchSize?: number;
  /** Steps per forward call (the state carries over). */
  chunk?: number;
  /** Called after each chunk with the fraction done; return true to stop early. */
  onProgress?: (fraction: number) => boolean | void;
}

export function evaluateLstm(
  net: LstmNet,
  melodies: readonly EncodedMelody[],
  usePositions: boolean,
  options: EvaluateOptions = {},
): HeldOutMetrics {
  const batchSize = options.batchSize ?? 64;
  const chunk = options.chunk ?? 64;
  const vocab = net.config.vocabSize;
  const sorted = [...melodies].filter((m) => m.tokens.length > 1).sort((a, b) => a.tokens.length - b.tokens.length);
  const totalSteps = sorted.reduce((s, m) => s + m.tokens.length - 1, 0);
  let nll = 0;
  let count = 0;
  let correct = 0;
  let eventCorrect = 0;
  let eventCount = 0;
  let done = 0;
  for (let first = 0; first < sorted.length; first += batchSize) {
    const group = sorted.slice(first, first + batchSize);
    const b = group.length;
    const longest = Math.max(...group.map((m) => m.tokens.length - 1));
    let state: LstmState | null = null;
    try {
      for (let from = 0; from < longest; from += chunk) {
        const steps = Math.min(chunk, longest - from);
        const tokens = new Int32Array(steps * b);
        const features = usePositions ? new Int32Array(steps * b) : null;
        group.forEach((m, j) => {
          for (let t = 0; t < steps; t++) {
            const at = from + t;
            if (at + 1 >= m.tokens.length) break;
            tokens[t * b + j] = m.tokens[at] ?? 0;
            if (features) features[t * b + j] = m.positions[at + 1] ?? 0;
          }
        });
        const out = net.run(tokens, features, steps, b, state);
        if (state) net.disposeState(state);
        state = out.state;
        const logits = out.logits.dataSync();
        out.logits.dispose();
        group.forEach((m, j) => {
          for (let t = 0; t < steps; t++) {
            const at = from + t;
            if (at + 1 >= m.tokens.length) break;
            const target = m.tokens[at + 1] ?? 0;
            const row = (t * b + j) * vocab;
            let max = -Infinity;
            let arg = 0;
            for (let k = 0; k < vocab; k++) {
              const v = logits[row + k] ?? -Infinity;
              if (v > max) {
                max = v;
                arg = k;
              }
            }
            let sum = 0;
            for (let k = 0; k < vocab; k++) sum += Math.exp((logits[row + k] ?? 0) - max);
            nll -= (logits[row + target] ?? 0) - max - Math.log(sum);
            count++;
            if (arg === target) correct++;
            if (target !== NO_EVENT_CLASS) {
              eventCount++;
              if (arg === target) eventCorrect++;
            }
          }
        });
        done += group.reduce((s, m) => s + Math.max(0, Math.min(steps, m.tokens.length - 1 - from)), 0);
        if (options.onProgress?.(totalSteps > 0 ? done / totalSteps : 1) === true) break;
      }
    } finally {
      if (state) net.disposeState(state);
    }
  }
  const crossEntropy = count > 0 ? nll / count : NaN;
  return {
    crossEntropy,
    perplexity: Math.exp(crossEntropy),
    accuracy: count > 0 ? correct / count : NaN,
    eventAccuracy: eventCount > 0 ? eventCorrect / eventCount : NaN,
    count,
    eventCount,
  };
}

/** One line saying whether the LSTM beats the best n-gram baseline (and the position-aware one). */
export function perplexityVerdict(
  lstmPerplexity: number,
  best: { smoothing: string; order: number; perplexity: number },
  position: { smoothing: string; perplexity: number } | null = null,
): string {
  const ratio = lstmPerplexity / best.perplexity;
  const name = `${best.smoothing} ${best.order}-gram, ${best.perplexity.toFixed(3)}`;
  return (
    (lstmPerplexity < best.perplexity
      ? `beats the best n-gram (${name}) by ${((1 - ratio) * 100).toFixed(1)}%`
      : `does NOT beat the best n-gram (${name})`) +
    (position
      ? `; position-aware ${position.smoothing} n-gram ${position.perplexity.toFixed(3)}${lstmPerplexity < position.perplexity ? '' : ' (NOT beaten)'}`
      : '')
  );
}
