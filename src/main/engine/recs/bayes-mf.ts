import { sampleGamma, sampleWishart } from './distributions';
import { cholesky, solveLower, solveUpper } from './linalg';
import { dayKey, type FactorSample, type MFModel, type UserPrior } from './mf-model';
import { groupByItem, groupByUser, meanRating, type RatingData, type UserRows } from './ratings';
import { NumpyRandomState } from './rng';

/**
 * Bayesian biased matrix factorisation by Gibbs sampling: BPMF (Salakhutdinov & Mnih, ICML 2008)
 * with user and item biases, plus optional day-specific user biases (Koren, KDD 2009).
 *
 *   r_ui ~ N(μ + b_u + c_i + p_u·q_i + d_{u,day}, 1/α)
 *   [b_u, p_u] ~ N(μ_U, Λ_U⁻¹),  [c_i, q_i] ~ N(μ_V, Λ_V⁻¹)
 *   (μ_U, Λ_U), (μ_V, Λ_V) ~ Normal-Wishart(μ0 = 0, β0, W0 = I, ν0 = factors + 1)
 *   α ~ Gamma(1, 1),  d_{u,day} ~ N(0, 1/λ_d),  λ_d ~ Gamma(1, 1)
 *
 * Every regularisation strength (Λ_U, Λ_V, λ_d) and the noise level α is inferred from the data,
 * so nothing is tuned to one data set or rating scale. Predictions average the kept posterior
 * samples. Each sweep costs O(ratings × (factors + 1)²).
 */
export interface BayesMfParams {
  factors: number;
  /** Gibbs sweeps in all, of which the first `burnIn` are discarded. */
  sweeps: number;
  burnIn: number;
  /** Posterior samples kept for prediction (evenly spaced after burn-in). */
  keepSamples: number;
  /** Learn day-specific user biases when the data has timestamps. */
  dayBias: boolean;
  beta0: number;
  seed: number;
}

export function bayesMfParams(overrides: Partial<BayesMfParams> = {}): BayesMfParams {
  return {
    factors: overrides.factors ?? 10,
    sweeps: overrides.sweeps ?? 100,
    burnIn: overrides.burnIn ?? 20,
    keepSamples: overrides.keepSamples ?? 40,
    dayBias: overrides.dayBias ?? true,
    beta0: overrides.beta0 ?? 2,
    seed: overrides.seed ?? 0,
  };
}

/** CSR rows plus, per slot, an offset subtracted from the rating (the day bias). */
interface Rows extends UserRows {
  readonly offset: Float64Array;
}

interface Hyper {
  readonly mean: Float64Array;
  readonly precision: Float64Array;
}

/** Draw (μ, Λ) from the Normal-Wishart posterior given the current vectors of one side. */
function sampleHyper(vectors: Float64Array, present: Uint8Array, d: number, beta0: number, rng: NumpyRandomState): Hyper {
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
      for (let b = 0; b <= a; b++) inverseScale[a * d + b] = (inverseScale[a * d + b] as number) + da * (diff[b] as number);
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
function sampleSide(rows: Rows, self: Float64Array, other: Float64Array, d: number, mu: number, alpha: number, hyper: Hyper, rng: NumpyRandomState): void {
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

export function fitBayesMf(train: RatingData, params: BayesMfParams = bayesMfParams()): MFModel {
  const k = params.factors;
  const d = k + 1;
  const nUsers = train.userIds.length;
  const nItems = train.itemIds.length;
  const n = train.values.length;
  const rng = new NumpyRandomState(params.seed);
  const mu = meanRating(train);

  const byUser = groupByUser(train);
  const byItem = groupByItem(train);
  const userRows: Rows = { ...byUser, offset: new Float64Array(n) };
  const itemRows: Rows = { ...byItem, offset: new Float64Array(n) };
  // The CSR slot of each rating on each side, to place per-rating offsets.
  const userSlot = new Int32Array(n);
  const itemSlot = new Int32Array(n);
  {
    const nextU = byUser.start.slice(0, nUsers);
    const nextI = byItem.start.slice(0, nItems);
    for (let r = 0; r < n; r++) {
      const u = train.users[r] as number;
      const i = train.items[r] as number;
      userSlot[r] = nextU[u] as number;
      nextU[u] = (nextU[u] as number) + 1;
      itemSlot[r] = nextI[i] as number;
      nextI[i] = (nextI[i] as number) + 1;
    }
  }
  const userCount = new Int32Array(nUsers);
  const itemCount = new Int32Array(nItems);
  for (let u = 0; u < nUsers; u++) userCount[u] = (byUser.start[u + 1] as number) - (byUser.start[u] as number);
  for (let i = 0; i < nItems; i++) itemCount[i] = (byItem.start[i + 1] as number) - (byItem.start[i] as number);
  const userPresent = Uint8Array.from(userCount, (c) => (c > 0 ? 1 : 0));
  const itemPresent = Uint8Array.from(itemCount, (c) => (c > 0 ? 1 : 0));

  // Day groups (user, day) when timestamps are available.
  const groupOf = new Int32Array(n);
  const groupKeys: number[] = [];
  if (params.dayBias && train.timestamps) {
    const index = new Map<number, number>();
    for (let r = 0; r < n; r++) {
      const key = dayKey(train.users[r] as number, train.timestamps[r] as number);
      let g = index.get(key);
      if (g === undefined) {
        g = groupKeys.length;
        index.set(key, g);
        groupKeys.push(key);
      }
      groupOf[r] = g;
    }
  }
  const nGroups = groupKeys.length;
  const dayBias = new Float64Array(nGroups);
  const dayBiasSum = new Float64Array(nGroups);
  let dayPrecision = 10;

  const U = new Float64Array(nUsers * d);
  const V = new Float64Array(nItems * d);
  rng.fillNormal(U, 0, 0.1);
  rng.fillNormal(V, 0, 0.1);
  for (let u = 0; u < nUsers; u++) U[u * d] = 0;
  for (let i = 0; i < nItems; i++) V[i * d] = 0;

  let alpha = 2;
  const kept: { U: Float64Array; V: Float64Array; prior: UserPrior }[] = [];
  const postBurn = Math.max(1, params.sweeps - params.burnIn);
  const keep = Math.max(1, Math.min(params.keepSamples, postBurn));
  // Keep `keep` sweeps evenly spaced back from the last one.
  const keepAt = new Set<number>();
  for (let j = 0; j < keep; j++) keepAt.add(params.sweeps - 1 - Math.floor((j * postBurn) / keep));
  let postBurnSweeps = 0;
  const residual = new Float64Array(n);
  const groupSum = new Float64Array(nGroups);
  const groupCount = new Float64Array(nGroups);

  for (let sweep = 0; sweep < params.sweeps; sweep++) {
    const userHyper = sampleHyper(U, userPresent, d, params.beta0, rng);
    sampleSide(userRows, U, V, d, mu, alpha, userHyper, rng);
    const itemHyper = sampleHyper(V, itemPresent, d, params.beta0, rng);
    sampleSide(itemRows, V, U, d, mu, alpha, itemHyper, rng);

    // Residuals without day biases.
    for (let r = 0; r < n; r++) {
      const uo = (train.users[r] as number) * d;
      const io = (train.items[r] as number) * d;
      let est = mu + (U[uo] as number) + (V[io] as number);
      for (let f = 1; f < d; f++) est += (U[uo + f] as number) * (V[io + f] as number);
      residual[r] = (train.values[r] as number) - est;
    }
    if (nGroups > 0) {
      groupSum.fill(0);
      groupCount.fill(0);
      for (let r = 0; r < n; r++) {
        const g = groupOf[r] as number;
        groupSum[g] = (groupSum[g] as number) + (residual[r] as number);
        groupCount[g] = (groupCount[g] as number) + 1;
      }
      let squares = 0;
      for (let g = 0; g < nGroups; g++) {
        const prec = alpha * (groupCount[g] as number) + dayPrecision;
        const b = (alpha * (groupSum[g] as number)) / prec + rng.gauss() / Math.sqrt(prec);
        dayBias[g] = b;
        squares += b * b;
      }
      dayPrecision = sampleGamma(rng, 1 + nGroups / 2) / (1 + squares / 2);
      for (let r = 0; r < n; r++) {
        const b = dayBias[groupOf[r] as number] as number;
        userRows.offset[userSlot[r] as number] = b;
        itemRows.offset[itemSlot[r] as number] = b;
        residual[r] = (residual[r] as number) - b;
      }
    }
    let sse = 0;
    for (let r = 0; r < n; r++) sse += (residual[r] as number) * (residual[r] as number);
    alpha = sampleGamma(rng, 1 + n / 2) / (1 + sse / 2);

    if (sweep >= params.burnIn) {
      postBurnSweeps++;
      for (let g = 0; g < nGroups; g++) dayBiasSum[g] = (dayBiasSum[g] as number) + (dayBias[g] as number);
      if (keepAt.has(sweep)) {
        kept.push({ U: U.slice(), V: V.slice(), prior: { kind: 'gaussian', mean: userHyper.mean, precision: userHyper.precision, noisePrecision: alpha } });
      }
    }
  }

  const samples: FactorSample[] = kept.map(({ U: Us, V: Vs }) => split(Us, Vs, nUsers, nItems, k));
  const byKey = new Map<number, number>();
  for (let g = 0; g < nGroups; g++) byKey.set(groupKeys[g] as number, (dayBiasSum[g] as number) / Math.max(1, postBurnSweeps));
  return {
    algorithm: 'bayes-mf',
    factors: k,
    globalMean: mu,
    samples,
    priors: kept.map((s) => s.prior),
    userCount,
    itemCount,
    userIds: train.userIds,
    itemIds: train.itemIds,
    scale: train.scale,
    dayBiases: nGroups > 0 ? { byKey } : null,
    params: { ...params },
  };
}

/** Interleaved [bias, factors] rows into separate bias and factor arrays. */
function split(U: Float64Array, V: Float64Array, nUsers: number, nItems: number, k: number): FactorSample {
  const d = k + 1;
  const part = (src: Float64Array, rows: number) => {
    const bias = new Float64Array(rows);
    const factors = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      bias[r] = src[r * d] as number;
      for (let f = 0; f < k; f++) factors[r * k + f] = src[r * d + 1 + f] as number;
    }
    return { bias, factors };
  };
  const users = part(U, nUsers);
  const items = part(V, nItems);
  return { userBias: users.bias, itemBias: items.bias, userFactors: users.factors, itemFactors: items.factors };
}
