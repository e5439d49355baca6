import { sampleWishart } from './distributions';
import { cholesky, solveLower, solveUpper } from './linalg';
import type { UserRows } from './ratings';
import type { NumpyRandomState } from './rng';

/** The Gibbs conditionals of Bayesian MF (see `bayes-mf.ts`) for the user and item sides. */

/** CSR rows plus, per slot, an offset subtracted from the rating (the day bias). */
export interface Rows extends UserRows {
  readonly offset: Float64Array;
}

export interface Hyper {
  readonly mean: Float64Array;
  readonly precision: Float64Array;
}

/** Draw (μ, Λ) from the Normal-Wishart posterior given the current vectors of one side. */
export function sampleHyper(
  vectors: Float64Array,
  present: Uint8Array,
  d: number,
  beta0: number,
  rng: NumpyRandomState,
): Hyper {
  let n = 0;
  const mean = new Float64Array(d);
  for (let s = 0; s < present.length; s++) {
    if (present[s] === 0) continue;
    n++;
    for (let a = 0; a < d; a++) mean[a] = (mean[a] as number) + (vectors[s * d + a] as number);
  }
  for (let a = 0; a < d; a++) mean[a] = (mean[a] as number) / Math.max(1, n);
  // W*⁻¹ = W0⁻¹ + Σ (x − x̄)(x − x̄)ᵀ + β0 n/(β0 + n) x̄ x̄ᵀ   (μ0 = 0, W0 = I)
  const inverseScale = new Float64Array(d * d);
  for (let a = 0; a < d; a++) inverseScale[a * d + a] = 1;
  const diff = new Float64Array(d);
  for (let s = 0; s < present.length; s++) {
    if (present[s] === 0) continue;
    for (let a = 0; a < d; a++) diff[a] = (vectors[s * d + a] as number) - (mean[a] as number);
    for (let a = 0; a < d; a++) {
      const da = diff[a] as number;
      for (let b = 0; b <= a; b++)
        inverseScale[a * d + b] = (inverseScale[a * d + b] as number) + da * (diff[b] as number);
    }
  }
  const c = (beta0 * n) / (beta0 + n);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const v = (inverseScale[a * d + b] as number) + c * (mean[a] as number) * (mean[b] as number);
      inverseScale[a * d + b] = v;
      inverseScale[b * d + a] = v;
    }
  }
  const precision = sampleWishart(rng, inverseScale, d, d + n);
  // μ ~ N(n x̄ / (β0 + n), ((β0 + n) Λ)⁻¹)
  const scaled = precision.map((v) => v * (beta0 + n));
  const L = new Float64Array(d * d);
  cholesky(scaled, d, L);
  const z = new Float64Array(d);
  for (let a = 0; a < d; a++) z[a] = rng.gauss();
  solveUpper(L, d, z);
  const mu = new Float64Array(d);
  for (let a = 0; a < d; a++) mu[a] = (n * (mean[a] as number)) / (beta0 + n) + (z[a] as number);
  return { mean: mu, precision };
}

/**
 * Draw every row vector of one side given the other side's vectors. A row's design is
 * [1, other factors] and its target r − μ − (other's bias) − offset.
 */
export function sampleSide(
  rows: Rows,
  self: Float64Array,
  other: Float64Array,
  d: number,
  mu: number,
  alpha: number,
  hyper: Hyper,
  rng: NumpyRandomState,
): void {
  const A = new Float64Array(d * d);
  const L = new Float64Array(d * d);
  const h = new Float64Array(d);
  const x = new Float64Array(d);
  const priorTimesMean = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let b = 0; b < d; b++) s += (hyper.precision[a * d + b] as number) * (hyper.mean[b] as number);
    priorTimesMean[a] = s;
  }
  const nRows = rows.start.length - 1;
  for (let s = 0; s < nRows; s++) {
    const start = rows.start[s] as number;
    const end = rows.start[s + 1] as number;
    if (start === end) continue;
    A.set(hyper.precision);
    h.set(priorTimesMean);
    for (let p = start; p < end; p++) {
      const oo = (rows.item[p] as number) * d;
      const t = (rows.value[p] as number) - mu - (other[oo] as number) - (rows.offset[p] as number);
      x[0] = 1;
      for (let f = 1; f < d; f++) x[f] = other[oo + f] as number;
      for (let a = 0; a < d; a++) {
        const xa = alpha * (x[a] as number);
        h[a] = (h[a] as number) + xa * t;
        const row = a * d;
        for (let b = 0; b <= a; b++) A[row + b] = (A[row + b] as number) + xa * (x[b] as number);
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) A[b * d + a] = A[a * d + b] as number;
    if (!cholesky(A, d, L)) continue;
    // mean = A⁻¹ h; draw = mean + L⁻ᵀ z  =  L⁻ᵀ (L⁻¹ h + z)
    solveLower(L, d, h);
    for (let a = 0; a < d; a++) h[a] = (h[a] as number) + rng.gauss();
    solveUpper(L, d, h);
    self.set(h, s * d);
  }
}
