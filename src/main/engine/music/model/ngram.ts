/**
 * Smoothed n-gram baselines over the same event classes the LSTM sees: interpolated Witten-Bell
 * and interpolated Kneser-Ney (one absolute discount per order, D = n1 / (n1 + 2 n2)), both
 * bottoming out in the uniform distribution over the vocabulary.
 *
 * Sequences are padded on the left with order-1 begin-of-sequence symbols for counting. Scoring
 * follows the LSTM's protocol: the first event of a sequence is given, every later event is
 * predicted from everything before it (the n-gram sees the last order-1 of those).
 */

export type NgramSmoothing = 'witten-bell' | 'kneser-ney';

export interface NgramScore {
  /** Mean negative log-likelihood per predicted event, in nats. */
  crossEntropy: number;
  perplexity: number;
  /** Events scored. */
  count: number;
}

interface ContextStats {
  /** Sum of the counts following this context. */
  total: number;
  /** Distinct events following this context. */
  types: number;
}

export class NgramModel {
  private readonly base: number;
  private readonly bos: number;
  /** counts[k]: raw counts of k-grams (k = 1..order). */
  private readonly counts: Array<Map<number, number>> = [];
  /** Kneser-Ney continuation counts of k-grams (distinct left neighbours), k = 1..order-1. */
  private readonly continuation: Array<Map<number, number>> = [];
  private readonly rawStats: Array<Map<number, ContextStats>> = [];
  private readonly continuationStats: Array<Map<number, ContextStats>> = [];
  /** Kneser-Ney discounts per order: for raw counts (the highest order) and continuation counts. */
  private readonly rawDiscounts: number[] = [];
  private readonly continuationDiscounts: number[] = [];

  constructor(
    readonly order: number,
    readonly vocabSize: number,
    readonly smoothing: NgramSmoothing = 'witten-bell',
  ) {
    if (!Number.isInteger(order) || order < 1 || order > 8) throw new Error(`n-gram order must be 1..8, got ${order}`);
    this.bos = vocabSize;
    this.base = vocabSize + 1;
    if (this.base ** (order + 1) > Number.MAX_SAFE_INTEGER)
      throw new Error(`order ${order} is too high for a vocabulary of ${vocabSize}`);
    for (let k = 0; k <= order; k++) {
      this.counts.push(new Map());
      this.continuation.push(new Map());
      this.rawStats.push(new Map());
      this.continuationStats.push(new Map());
      this.rawDiscounts.push(0.75);
      this.continuationDiscounts.push(0.75);
    }
  }

  static fit(
    sequences: ReadonlyArray<ArrayLike<number>>,
    order: number,
    vocabSize: number,
    smoothing: NgramSmoothing = 'witten-bell',
  ): NgramModel {
    const model = new NgramModel(order, vocabSize, smoothing);
    model.add(model.windows(sequences, null, 0));
    return model;
  }

  /**
   * A position-aware variant: the context of each event is its position in the bar plus the
   * order-2 events before it (`positions[s][i]` is the position of event i of sequence s). Backing
   * off drops the position first, then the oldest events. Score it with `scoreWithPositions`.
   */
  static fitWithPositions(
    sequences: ReadonlyArray<ArrayLike<number>>,
    positions: ReadonlyArray<ArrayLike<number>>,
    order: number,
    vocabSize: number,
    smoothing: NgramSmoothing = 'witten-bell',
  ): NgramModel {
    if (order < 2) throw new Error('a position-aware n-gram needs order >= 2');
    const model = new NgramModel(order, vocabSize, smoothing);
    model.add(model.windows(sequences, positions, 0));
    return model;
  }

  /** Key of a token window (length-prefixed, so different lengths never collide). */
  private key(tokens: ArrayLike<number>, from: number, to: number): number {
    let key = 1;
    for (let k = from; k < to; k++) key = key * this.base + (tokens[k] ?? this.bos);
    return key;
  }

  private padded(sequence: ArrayLike<number>): number[] {
    const out = new Array<number>(this.order - 1).fill(this.bos);
    for (let k = 0; k < sequence.length; k++) {
      const token = sequence[k] ?? 0;
      if (!Number.isInteger(token) || token < 0 || token >= this.vocabSize)
        throw new Error(`token ${token} is outside the vocabulary of ${this.vocabSize}`);
      out.push(token);
    }
    return out;
  }

  /** Windows of `order` ids (context then token) of every event of the sequences. */
  private *windows(
    sequences: ReadonlyArray<ArrayLike<number>>,
    positions: ReadonlyArray<ArrayLike<number>> | null,
    from: number,
  ): Generator<number[]> {
    const { order } = this;
    for (let s = 0; s < sequences.length; s++) {
      const tokens = this.padded(sequences[s] ?? []);
      const pos = positions?.[s];
      for (let i = order - 1 + from; i < tokens.length; i++) {
        const window = tokens.slice(i - order + 1, i + 1);
        // With positions, the oldest context slot holds the target's position instead of a token:
        // it is the first thing dropped when backing off.
        if (pos) window[0] = Math.min(this.base - 2, Math.max(0, pos[i - order + 1] ?? 0));
        yield window;
      }
    }
  }

  private add(windows: Iterable<number[]>): void {
    const { order } = this;
    const leftNeighbours: Array<Map<number, Set<number>>> = [];
    for (let k = 0; k <= order; k++) leftNeighbours.push(new Map());
    for (const window of windows) {
      for (let k = 1; k <= order; k++) {
        const key = this.key(window, order - k, order);
        const counts = this.counts[k] as Map<number, number>;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (k < order) {
          const left = window[order - k - 1] ?? this.bos;
          const set = (leftNeighbours[k] as Map<number, Set<number>>).get(key);
          if (set) set.add(left);
          else (leftNeighbours[k] as Map<number, Set<number>>).set(key, new Set([left]));
        }
      }
    }
    for (let k = 1; k <= order; k++) {
      const cont = this.continuation[k] as Map<number, number>;
      for (const [key, set] of leftNeighbours[k] as Map<number, Set<number>>) cont.set(key, set.size);
      this.rawStats[k] = this.contextStats(this.counts[k] as Map<number, number>);
      this.continuationStats[k] = this.contextStats(cont);
      this.rawDiscounts[k] = discount(this.counts[k] as Map<number, number>);
      this.continuationDiscounts[k] = discount(cont);
    }
  }

  private contextStats(counts: Map<number, number>): Map<number, ContextStats> {
    const stats = new Map<number, ContextStats>();
    for (const [key, count] of counts) {
      const context = Math.floor(key / this.base);
      const s = stats.get(context);
      if (s) {
        s.total += count;
        s.types += 1;
      } else {
        stats.set(context, { total: count, types: 1 });
      }
    }
    return stats;
  }

  /**
   * P(token | history), using the last order-1 tokens of `history` (begin-of-sequence padding when
   * the history is shorter).
   */
  probability(history: ArrayLike<number>, token: number, order = this.order): number {
    const context: number[] = [];
    for (let k = order - 1; k >= 1; k--)
      context.push(history.length - k >= 0 ? (history[history.length - k] ?? this.bos) : this.bos);
    return this.probabilityAt(context, 0, token, order);
  }

  /**
   * Recursive interpolation; `context.slice(from)` is the history used. `top` is the order being
   * scored (<= this.order): Kneser-Ney uses raw counts at that level and continuation counts below.
   */
  private probabilityAt(context: readonly number[], from: number, token: number, top: number): number {
    const k = context.length - from + 1; // n-gram length at this level
    const uniform = 1 / this.vocabSize;
    if (k < 1) return uniform;
    const lower = k === 1 ? uniform : this.probabilityAt(context, from + 1, token, top);
    const contextKey = this.key(context, from, context.length);
    const gramKey = contextKey * this.base + token;
    if (this.smoothing === 'witten-bell') {
      const stats = (this.rawStats[k] as Map<number, ContextStats>).get(contextKey);
      if (!stats) return lower;
      const count = (this.counts[k] as Map<number, number>).get(gramKey) ?? 0;
      return (count + stats.types * lower) / (stats.total + stats.types);
    }
    const highest = k === top;
    const stats = (highest ? this.rawStats[k] : this.continuationStats[k])?.get(contextKey);
    if (!stats || stats.total === 0) return lower;
    const count = (highest ? this.counts[k] : this.continuation[k])?.get(gramKey) ?? 0;
    const d = (highest ? this.rawDiscounts[k] : this.continuationDiscounts[k]) ?? 0.75;
    return Math.max(count - d, 0) / stats.total + ((d * stats.types) / stats.total) * lower;
  }

  /** Cross-entropy and perplexity over every event after the first of each sequence. */
  score(sequences: ReadonlyArray<ArrayLike<number>>, order = this.order): NgramScore {
    if (!Number.isInteger(order) || order < 1 || order > this.order)
      throw new Error(`can score orders 1..${this.order}, not ${order}`);
    return this.scoreWindows(this.windows(sequences, null, 1), order);
  }

  /** Score a model made by `fitWithPositions` (at its full order). */
  scoreWithPositions(
    sequences: ReadonlyArray<ArrayLike<number>>,
    positions: ReadonlyArray<ArrayLike<number>>,
  ): NgramScore {
    return this.scoreWindows(this.windows(sequences, positions, 1), this.order);
  }

  private scoreWindows(windows: Iterable<number[]>, order: number): NgramScore {
    let nll = 0;
    let count = 0;
    for (const window of windows) {
      const context = window.slice(this.order - order, this.order - 1);
      nll -= Math.log(this.probabilityAt(context, 0, window[this.order - 1] ?? 0, order));
      count++;
    }
    const crossEntropy = count > 0 ? nll / count : NaN;
    return { crossEntropy, perplexity: Math.exp(crossEntropy), count };
  }
}

export interface NgramBaselineResult {
  order: number;
  smoothing: NgramSmoothing;
  perplexity: number;
  crossEntropy: number;
}

/** Fit and score every order 1..maxOrder with both smoothings; the best one first. */
export function ngramBaselines(
  train: ReadonlyArray<ArrayLike<number>>,
  heldOut: ReadonlyArray<ArrayLike<number>>,
  vocabSize: number,
  maxOrder = 5,
  smoothings: readonly NgramSmoothing[] = ['witten-bell', 'kneser-ney'],
): NgramBaselineResult[] {
  const out: NgramBaselineResult[] = [];
  for (const smoothing of smoothings) {
    const model = NgramModel.fit(train, maxOrder, vocabSize, smoothing);
    for (let order = 1; order <= maxOrder; order++) {
      const score = model.score(heldOut, order);
      out.push({ order, smoothing, perplexity: score.perplexity, crossEntropy: score.crossEntropy });
    }
  }
  return out.sort((a, b) => a.perplexity - b.perplexity);
}

/**
 * Position-aware baselines: the best of both smoothings for orders 3..maxOrder+1 (position plus up
 * to maxOrder-1 previous events), best first. A stronger baseline for a model that sees positions.
 */
export function positionNgramBaselines(
  train: ReadonlyArray<ArrayLike<number>>,
  trainPositions: ReadonlyArray<ArrayLike<number>>,
  heldOut: ReadonlyArray<ArrayLike<number>>,
  heldOutPositions: ReadonlyArray<ArrayLike<number>>,
  vocabSize: number,
  maxOrder = 5,
): NgramBaselineResult[] {
  const out: NgramBaselineResult[] = [];
  for (const smoothing of ['witten-bell', 'kneser-ney'] as const) {
    for (let order = 3; order <= maxOrder + 1; order++) {
      const score = NgramModel.fitWithPositions(train, trainPositions, order, vocabSize, smoothing).scoreWithPositions(
        heldOut,
        heldOutPositions,
      );
      out.push({ order, smoothing, perplexity: score.perplexity, crossEntropy: score.crossEntropy });
    }
  }
  return out.sort((a, b) => a.perplexity - b.perplexity);
}

/** Absolute discount from count-of-counts, D = n1 / (n1 + 2 n2), kept within [0.05, 0.95]. */
function discount(counts: Map<number, number>): number {
  let n1 = 0;
  let n2 = 0;
  for (const c of counts.values()) {
    if (c === 1) n1++;
    else if (c === 2) n2++;
  }
  return n1 > 0 ? Math.min(0.95, Math.max(0.05, n1 / (n1 + 2 * n2))) : 0.75;
}
