/**
 * The memorisation meter: how long a stretch of a generated phrase also occurs, verbatim, in the
 * training melodies. The model keeps a compact index of its training event sequences: the
 * concatenated class ids (one byte per step, a separator between melodies) and their suffix array
 * (four bytes per step). The longest common substring of a phrase and the corpus is then a few
 * binary searches per phrase position.
 */

const SEPARATOR = 255;

export interface MemorisationMatch {
  /** Steps in the longest stretch of the phrase found in the training data (0 = none). */
  steps: number;
  /** Note onsets inside that stretch. */
  notes: number;
  /** Where it starts in the phrase. */
  phraseStart: number;
  /** Length of the phrase, in steps. */
  phraseSteps: number;
  /** steps / phraseSteps. */
  fraction: number;
}

/**
 * Suffix array by prefix doubling with radix (counting) sorts: each round sorts the suffixes by
 * (rank of the first k symbols, rank of the next k) in O(n); rounds stop when all ranks differ,
 * so about log2 of the longest repeat.
 */
function suffixArray(text: Uint8Array): Int32Array {
  const n = text.length;
  const sa = new Int32Array(n);
  const tmp = new Int32Array(n);
  let rank = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = text[i] ?? 0;
  let classes = 256;
  for (let k = 1; n > 0; k *= 2) {
    // Counting sort by the second key (rank[i + k] + 1, or 0 past the end), then stably by the first.
    const countSize = Math.max(classes, n) + 2;
    let count = new Int32Array(countSize);
    const second = (i: number): number => (i + k < n ? (rank[i + k] ?? 0) + 1 : 0);
    for (let i = 0; i < n; i++) count[second(i)] = (count[second(i)] ?? 0) + 1;
    for (let c = 1; c < countSize; c++) count[c] = (count[c] ?? 0) + (count[c - 1] ?? 0);
    for (let i = n - 1; i >= 0; i--) {
      const c = second(i);
      const at = (count[c] ?? 0) - 1;
      count[c] = at;
      tmp[at] = i;
    }
    count = new Int32Array(countSize);
    for (let i = 0; i < n; i++) count[rank[i] ?? 0] = (count[rank[i] ?? 0] ?? 0) + 1;
    for (let c = 1; c < countSize; c++) count[c] = (count[c] ?? 0) + (count[c - 1] ?? 0);
    for (let j = n - 1; j >= 0; j--) {
      const i = tmp[j] ?? 0;
      const c = rank[i] ?? 0;
      const at = (count[c] ?? 0) - 1;
      count[c] = at;
      sa[at] = i;
    }
    next[sa[0] ?? 0] = 0;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1] ?? 0;
      const b = sa[j] ?? 0;
      next[b] = (next[a] ?? 0) + ((rank[a] ?? 0) !== (rank[b] ?? 0) || second(a) !== second(b) ? 1 : 0);
    }
    [rank, next] = [next, rank];
    classes = (rank[sa[n - 1] ?? 0] ?? 0) + 1;
    if (classes === n || k > n) break;
  }
  return sa;
}

export class SequenceIndex {
  private constructor(
    readonly text: Uint8Array,
    readonly suffixes: Int32Array,
  ) {}

  /** Index sequences of class ids (each < 255). */
  static build(sequences: ReadonlyArray<ArrayLike<number>>): SequenceIndex {
    let length = 0;
    for (const s of sequences) length += s.length + 1;
    const text = new Uint8Array(length);
    let at = 0;
    for (const s of sequences) {
      for (let k = 0; k < s.length; k++) {
        const token = s[k] ?? 0;
        if (token < 0 || token >= SEPARATOR) throw new Error(`token ${token} cannot be indexed`);
        text[at++] = token;
      }
      text[at++] = SEPARATOR;
    }
    return new SequenceIndex(text, suffixArray(text));
  }

  get size(): number {
    return this.text.length;
  }

  /** Bytes: u32 length, text, padding to 4, then the suffix array (little-endian int32). */
  serialise(): Uint8Array {
    const n = this.text.length;
    const textBytes = Math.ceil(n / 4) * 4;
    const out = new Uint8Array(4 + textBytes + 4 * n);
    const view = new DataView(out.buffer);
    view.setUint32(0, n, true);
    out.set(this.text, 4);
    for (let i = 0; i < n; i++) view.setInt32(4 + textBytes + 4 * i, this.suffixes[i] ?? 0, true);
    return out;
  }

  static deserialise(bytes: Uint8Array): SequenceIndex {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 4) throw new Error('memorisation index is truncated');
    const n = view.getUint32(0, true);
    const textBytes = Math.ceil(n / 4) * 4;
    if (bytes.byteLength !== 4 + textBytes + 4 * n) throw new Error('memorisation index has the wrong size');
    const text = bytes.slice(4, 4 + n);
    const suffixes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = view.getInt32(4 + textBytes + 4 * i, true);
      if (s < 0 || s >= n) throw new Error('memorisation index is corrupt');
      suffixes[i] = s;
    }
    return new SequenceIndex(text, suffixes);
  }

  /** Symbol at offset d of the i-th suffix, -1 past the end. */
  private at(i: number, d: number): number {
    const p = (this.suffixes[i] ?? 0) + d;
    return p < this.text.length ? (this.text[p] ?? -1) : -1;
  }

  /** Length of the longest prefix of query[from..] that occurs in the corpus. */
  private longestPrefix(query: ArrayLike<number>, from: number): number {
    let lo = 0;
    let hi = this.suffixes.length;
    let d = 0;
    while (from + d < query.length && lo < hi) {
      const c = query[from + d] ?? -1;
      // First suffix in [lo, hi) whose symbol at d is >= c, then the first > c.
      let a = lo;
      let b = hi;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.at(m, d) < c) a = m + 1;
        else b = m;
      }
      const start = a;
      b = hi;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.at(m, d) <= c) a = m + 1;
        else b = m;
      }
      if (start >= a) break;
      lo = start;
      hi = a;
      d++;
    }
    return d;
  }

  /**
   * The longest stretch of `phrase` (class ids) that occurs in the indexed sequences.
   * `isOnset(cls)` says which classes start a note, for the note count.
   */
  longestMatch(phrase: ArrayLike<number>, isOnset: (cls: number) => boolean = () => false): MemorisationMatch {
    let best = 0;
    let bestStart = 0;
    for (let i = 0; i < phrase.length && phrase.length - i > best; i++) {
      const length = this.longestPrefix(phrase, i);
      if (length > best) {
        best = length;
        bestStart = i;
      }
    }
    let notes = 0;
    for (let k = bestStart; k < bestStart + best; k++) if (isOnset(phrase[k] ?? -1)) notes++;
    return {
      steps: best,
      notes,
      phraseStart: bestStart,
      phraseSteps: phrase.length,
      fraction: phrase.length > 0 ? best / phrase.length : 0,
    };
  }
}
