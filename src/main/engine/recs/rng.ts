/**
 * A seeded random number generator that reproduces numpy's legacy `RandomState(seed)` stream:
 * MT19937 seeded with `init_genrand(seed)`, 53-bit doubles, the polar Box-Muller `gauss` with its
 * cached second value, and `shuffle` (Fisher-Yates from the end with masked rejection sampling).
 *
 * Surprise draws its SVD initial factors with `RandomState(random_state).normal(0, 0.1, shape)`
 * and shuffles its KFold indices with `RandomState(random_state).shuffle`, so with the same
 * integer seed this RNG gives the same initial factors and the same folds as Surprise (up to the
 * last bit of `Math.log`, which V8 and glibc compute independently).
 */
export class NumpyRandomState {
  private readonly mt = new Uint32Array(624);
  private pos = 624;
  private hasGauss = false;
  private gaussCache = 0;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in [0, 2^32 - 1], got ${seed}`);
    }
    let s = seed >>> 0;
    for (let i = 0; i < 624; i++) {
      this.mt[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
  }

  private generate(): void {
    const mt = this.mt;
    for (let k = 0; k < 624; k++) {
      const y = ((mt[k] ?? 0) & 0x80000000) | ((mt[(k + 1) % 624] ?? 0) & 0x7fffffff);
      let next = (mt[(k + 397) % 624] ?? 0) ^ (y >>> 1);
      if ((y & 1) !== 0) next ^= 0x9908b0df;
      mt[k] = next >>> 0;
    }
    this.pos = 0;
  }

  /** The next raw 32-bit output. */
  nextUint32(): number {
    if (this.pos >= 624) this.generate();
    let y = this.mt[this.pos++] ?? 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 random bits, like `random_sample()`. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** A standard normal draw, like numpy's legacy `gauss` (polar method, second value cached). */
  gauss(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gaussCache;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.random() - 1.0;
      x2 = 2.0 * this.random() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gaussCache = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `normal(loc, scale)`. */
  normal(loc: number, scale: number): number {
    return loc + scale * this.gauss();
  }

  /** Fill `out` with `normal(loc, scale)` draws in order (row-major, like `normal(loc, scale, shape)`). */
  fillNormal(out: Float64Array | Float32Array, loc: number, scale: number, start = 0, end = out.length): void {
    for (let j = start; j < end; j++) out[j] = loc + scale * this.gauss();
  }

  /** A uniform integer in [0, max] (inclusive), like numpy's `random_interval` for max < 2^32. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max >>> 0;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** Shuffle in place, like `RandomState.shuffle` on a 1-D array. */
  shuffle(values: Int32Array | Uint32Array | Float64Array | number[]): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = values[i] as number;
      values[i] = values[j] as number;
      values[j] = tmp;
    }
  }
}
