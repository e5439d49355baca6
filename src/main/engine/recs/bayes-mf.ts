import { MotifError } from '../../../shared/errors';
import { sampleGamma, sampleWishart } from './distributions';
import { cholesky, solveLower, solveUpper } from './linalg';
import { dayKey, type FactorSample, type MFModel, type UserPrior } from './mf-model';
import { groupByItem, groupByUser, meanRating, type RatingData, type UserRows } from './ratings';
import { NumpyRandomState } from './rng';

/**
 * Bayesian biased matrix factorisation by Gibbs sampling: BPMF (Salakhutdinov & Mnih, ICML 2008)
 * with user and item biases, optional SVD++ implicit feedback (Koren, KDD 2008) and optional
 * day-specific user biases (Koren, KDD 2009):
 *
 *   r_ui ~ N(μ + b_u + c_i + q_i·(p_u + |N(u)|^-1/2 Σ_{j∈N(u)} y_j) + d_{u,day}, 1/α)
 *   [b_u, p_u] ~ N(μ_U, Λ_U⁻¹),  [c_i, q_i] ~ N(μ_V, Λ_V⁻¹),  y_j ~ N(μ_Y, Λ_Y⁻¹)
 *   (μ, Λ) of each ~ Normal-Wishart(μ0 = 0, β0, W0 = I, ν0 = dimension)
 *   α ~ Gamma(1, 1),  d_{u,day} ~ N(0, 1/λ_d),  λ_d ~ Gamma(1, 1)
 *
 * N(u) is the set of items u rated in training. Every regularisation strength (Λ_U, Λ_V, Λ_Y,
 * λ_d) and the noise level α is inferred from the data, so nothing is tuned to one data set or
 * rating scale. Predictions average the kept posterior samples. Each sweep costs
 * O(ratings × (factors + 1)²).
 */
export interface BayesMfParams {
  factors: number;
  /** Gibbs sweeps in all, of which the first `burnIn` are discarded. */
  sweeps: number;
  burnIn: number;
  /** Posterior samples kept for prediction (evenly spaced after burn-in). */
  keepSamples: number;
  /** Upper bound on the memory the kept samples take; fewer are kept on large data sets. */
  maxSampleBytes: number;
  /** Learn day-specific user biases when the data has timestamps. */
  dayBias: boolean;
  /** SVD++-style implicit feedback: a user's factors include the mean of y_j over the items they rated. */
  implicit: boolean;
  beta0: number;
  seed: number;
}

export function bayesMfParams(overrides: Partial<BayesMfParams> = {}): BayesMfParams {
  return {
    factors: overrides.factors ?? 10,
    sweeps: overrides.sweeps ?? 100,
    burnIn: overrides.burnIn ?? 20,
    keepSamples: overrides.keepSamples ?? 40,
    maxSampleBytes: overrides.maxSampleBytes ?? 256 * 2 ** 20,
    dayBias: overrides.dayBias ?? true,
    implicit: overrides.implicit ?? true,
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
function sampleHyper(
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
function sampleSide(
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

export interface FitProgress {
  /** Called after each sweep / epoch with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Checked after each sweep; an aborted fit throws a `cancelled` MotifError. */
  signal?: AbortSignal;
}

/**
 * Gibbs draws of the implicit item factors y_j, one item at a time. y_j enters every rating of
 * every user u who rated j through s_u q_i·y_j (s_u = |N(u)|^-1/2). With H_u = s_u² Σ_{i∈R(u)} q_i q_iᵀ
 * and ĝ_u = s_u Σ_{i∈R(u)} q_i e_ui (e = current residuals), y_j's conditional is Gaussian with
 * precision A = Λ_Y + α Σ_{u∈N(j)} H_u and mean A⁻¹ (Λ_Y μ_Y + α (Σ_{u∈N(j)} ĝ_u + (Σ H_u) y_j,old)).
 * After each draw, ĝ_u −= H_u Δ and z_u += s_u Δ for j's users, so a sweep costs
 * O(ratings × factors²).
 */
function sampleImplicit(
  byUser: UserRows,
  byItem: UserRows,
  V: Float64Array,
  Y: Float64Array,
  Z: Float64Array,
  norm: Float64Array,
  residual: Float64Array,
  userSlot: Int32Array,
  state: { gram: Float64Array; grad: Float64Array },
  k: number,
  alpha: number,
  itemPresent: Uint8Array,
  beta0: number,
  rng: NumpyRandomState,
): void {
  const d = k + 1;
  const kk = k * k;
  const nUsers = byUser.start.length - 1;
  const { gram: H, grad: g } = state;
  H.fill(0);
  g.fill(0);
  // Residuals in user-slot order.
  const slotResidual = new Float64Array(residual.length);
  for (let r = 0; r < residual.length; r++) slotResidual[userSlot[r] as number] = residual[r] as number;
  for (let u = 0; u < nUsers; u++) {
    const go = u * kk;
    const vo = u * k;
    for (let p = byUser.start[u] as number; p < (byUser.start[u + 1] as number); p++) {
      const io = (byUser.item[p] as number) * d + 1;
      const e = slotResidual[p] as number;
      for (let a = 0; a < k; a++) {
        const qa = V[io + a] as number;
        g[vo + a] = (g[vo + a] as number) + qa * e;
        const row = go + a * k;
        for (let b = 0; b <= a; b++) H[row + b] = (H[row + b] as number) + qa * (V[io + b] as number);
      }
    }
    const s = norm[u] as number;
    for (let a = 0; a < k; a++) {
      g[vo + a] = (g[vo + a] as number) * s;
      for (let b = 0; b <= a; b++) {
        const v = (H[go + a * k + b] as number) * s * s;
        H[go + a * k + b] = v;
        H[go + b * k + a] = v;
      }
    }
  }
  const hyper = sampleHyper(Y, itemPresent, k, beta0, rng);
  const priorTimesMean = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let v = 0;
    for (let b = 0; b < k; b++) v += (hyper.precision[a * k + b] as number) * (hyper.mean[b] as number);
    priorTimesMean[a] = v;
  }
  const S = new Float64Array(kk);
  const A = new Float64Array(kk);
  const L = new Float64Array(kk);
  const h = new Float64Array(k);
  const gsum = new Float64Array(k);
  const delta = new Float64Array(k);
  const nItems = byItem.start.length - 1;
  for (let j = 0; j < nItems; j++) {
    const start = byItem.start[j] as number;
    const end = byItem.start[j + 1] as number;
    if (start === end) continue;
    S.fill(0);
    gsum.fill(0);
    for (let p = start; p < end; p++) {
      const u = byItem.item[p] as number;
      const go = u * kk;
      const vo = u * k;
      for (let a = 0; a < k; a++) {
        gsum[a] = (gsum[a] as number) + (g[vo + a] as number);
        const row = a * k;
        for (let b = 0; b <= a; b++) S[row + b] = (S[row + b] as number) + (H[go + row + b] as number);
      }
    }
    const jo = j * k;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) S[b * k + a] = S[a * k + b] as number;
    }
    for (let a = 0; a < k; a++) {
      let sy = 0;
      for (let b = 0; b < k; b++) {
        A[a * k + b] = (hyper.precision[a * k + b] as number) + alpha * (S[a * k + b] as number);
        sy += (S[a * k + b] as number) * (Y[jo + b] as number);
      }
      h[a] = (priorTimesMean[a] as number) + alpha * ((gsum[a] as number) + sy);
    }
    if (!cholesky(A, k, L)) continue;
    solveLower(L, k, h);
    for (let a = 0; a < k; a++) h[a] = (h[a] as number) + rng.gauss();
    solveUpper(L, k, h);
    for (let a = 0; a < k; a++) {
      delta[a] = (h[a] as number) - (Y[jo + a] as number);
      Y[jo + a] = h[a] as number;
    }
    // The residuals of j's users' ratings drop by s_u q_i·Δ: ĝ_u −= H_u Δ, z_u += s_u Δ.
    for (let p = start; p < end; p++) {
      const u = byItem.item[p] as number;
      const s = norm[u] as number;
      const go = u * kk;
      const vo = u * k;
      for (let a = 0; a < k; a++) {
        let hd = 0;
        const row = go + a * k;
        for (let b = 0; b < k; b++) hd += (H[row + b] as number) * (delta[b] as number);
        g[vo + a] = (g[vo + a] as number) - hd;
        Z[vo + a] = (Z[vo + a] as number) + s * (delta[a] as number);
      }
    }
  }
}

export function fitBayesMf(
  train: RatingData,
  params: BayesMfParams = bayesMfParams(),
  progress: FitProgress = {},
): MFModel {
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

  // Implicit feedback (SVD++): user u's effective factors are p_u + z_u with
  // z_u = |N(u)|^-1/2 Σ_{j ∈ N(u)} y_j over the items u rated.
  const implicit = params.implicit;
  const Y = new Float64Array(implicit ? nItems * k : 0);
  const Z = new Float64Array(implicit ? nUsers * k : 0);
  const norm = Float64Array.from(userCount, (c) => (c > 0 ? 1 / Math.sqrt(c) : 0));
  const effective = new Float64Array(nUsers * d); // [b_u, p_u + z_u]
  const implicitState = implicit
    ? { gram: new Float64Array(nUsers * k * k), grad: new Float64Array(nUsers * k) }
    : null;

  let alpha = 2;
  const kept: { U: Float64Array; V: Float64Array; Y: Float64Array | null; prior: UserPrior }[] = [];
  const postBurn = Math.max(1, params.sweeps - params.burnIn);
  const bytesPerSample = 8 * ((nUsers + nItems) * d + (implicit ? nItems * k : 0));
  const keep = Math.max(1, Math.min(params.keepSamples, postBurn, Math.floor(params.maxSampleBytes / bytesPerSample)));
  // Keep `keep` sweeps evenly spaced back from the last one.
  const keepAt = new Set<number>();
  for (let j = 0; j < keep; j++) keepAt.add(params.sweeps - 1 - Math.floor((j * postBurn) / keep));
  let postBurnSweeps = 0;
  const residual = new Float64Array(n);
  const groupSum = new Float64Array(nGroups);
  const groupCount = new Float64Array(nGroups);

  const computeEffective = () => {
    effective.set(U);
    if (!implicit) return;
    for (let u = 0; u < nUsers; u++)
      for (let f = 0; f < k; f++)
        effective[u * d + 1 + f] = (effective[u * d + 1 + f] as number) + (Z[u * k + f] as number);
  };
  /** Residuals r − (μ + b_u + c_i + q_i·(p_u + z_u)) − day bias, in data order. */
  const computeResiduals = (withDays: boolean) => {
    for (let r = 0; r < n; r++) {
      const uo = (train.users[r] as number) * d;
      const io = (train.items[r] as number) * d;
      let est = mu + (effective[uo] as number) + (V[io] as number);
      for (let f = 1; f < d; f++) est += (effective[uo + f] as number) * (V[io + f] as number);
      if (withDays && nGroups > 0) est += dayBias[groupOf[r] as number] as number;
      residual[r] = (train.values[r] as number) - est;
    }
  };

  for (let sweep = 0; sweep < params.sweeps; sweep++) {
    // Users: targets also lose q_i·z_u (implicit part) and the day bias.
    if (implicit) {
      for (let r = 0; r < n; r++) {
        const uz = (train.users[r] as number) * k;
        const io = (train.items[r] as number) * d;
        let qz = 0;
        for (let f = 0; f < k; f++) qz += (V[io + 1 + f] as number) * (Z[uz + f] as number);
        userRows.offset[userSlot[r] as number] = (nGroups > 0 ? (dayBias[groupOf[r] as number] as number) : 0) + qz;
      }
    }
    const userHyper = sampleHyper(U, userPresent, d, params.beta0, rng);
    sampleSide(userRows, U, V, d, mu, alpha, userHyper, rng);
    computeEffective();
    const itemHyper = sampleHyper(V, itemPresent, d, params.beta0, rng);
    sampleSide(itemRows, V, effective, d, mu, alpha, itemHyper, rng);

    computeResiduals(false);
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
        if (!implicit) userRows.offset[userSlot[r] as number] = b;
        itemRows.offset[itemSlot[r] as number] = b;
        residual[r] = (residual[r] as number) - b;
      }
    }
    if (implicitState) {
      sampleImplicit(
        byUser,
        byItem,
        V,
        Y,
        Z,
        norm,
        residual,
        userSlot,
        implicitState,
        k,
        alpha,
        itemPresent,
        params.beta0,
        rng,
      );
      computeEffective();
      computeResiduals(true);
    }
    let sse = 0;
    for (let r = 0; r < n; r++) sse += (residual[r] as number) * (residual[r] as number);
    alpha = sampleGamma(rng, 1 + n / 2) / (1 + sse / 2);

    if (progress.signal?.aborted) throw new MotifError('cancelled', 'training cancelled');
    progress.onProgress?.(sweep + 1, params.sweeps);
    if (sweep >= params.burnIn) {
      postBurnSweeps++;
      for (let g = 0; g < nGroups; g++) dayBiasSum[g] = (dayBiasSum[g] as number) + (dayBias[g] as number);
      if (keepAt.has(sweep)) {
        kept.push({
          U: effective.slice(),
          V: V.slice(),
          Y: implicit ? Y.slice() : null,
          prior: { kind: 'gaussian', mean: userHyper.mean, precision: userHyper.precision, noisePrecision: alpha },
        });
      }
    }
  }

  const samples: FactorSample[] = kept.map(({ U: Us, V: Vs, Y: Ys }) => ({
    ...split(Us, Vs, nUsers, nItems, k),
    ...(Ys ? { itemImplicit: Ys } : {}),
  }));
  const byKey = new Map<number, number>();
  for (let g = 0; g < nGroups; g++)
    byKey.set(groupKeys[g] as number, (dayBiasSum[g] as number) / Math.max(1, postBurnSweeps));
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
