import { cholesky, inverseSpd } from './linalg';
import { type NumpyRandomState } from './rng';

/** Gamma(shape, scale 1) by Marsaglia and Tsang's method (boosted for shape < 1). */
export function sampleGamma(rng: NumpyRandomState, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(rng.random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.gauss();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Wishart(W, ν) draw given the inverse scale W⁻¹ (n×n), by the Bartlett decomposition:
 * W = C Cᵀ, A lower-triangular with A_jj = √χ²(ν − j) and standard normals below, Λ = C A Aᵀ Cᵀ.
 */
export function sampleWishart(rng: NumpyRandomState, inverseScale: Float64Array, n: number, nu: number): Float64Array {
  const W = inverseSpd(inverseScale, n);
  const C = new Float64Array(n * n);
  if (!cholesky(W, n, C)) throw new Error('Wishart scale is not positive definite');
  const A = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    A[j * n + j] = Math.sqrt(2 * sampleGamma(rng, (nu - j) / 2));
    for (let k = 0; k < j; k++) A[j * n + k] = rng.gauss();
  }
  const CA = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = j; k <= i; k++) s += (C[i * n + k] as number) * (A[k * n + j] as number);
      CA[i * n + j] = s;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += (CA[i * n + k] as number) * (CA[j * n + k] as number);
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}
