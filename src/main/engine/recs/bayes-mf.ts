import { MotifError } from '../../../shared/errors';
import { sampleHyper, sampleSide, type Rows } from './bayes-mf-conditionals';
import { sampleImplicit } from './bayes-mf-implicit';
import { sampleGamma } from './distributions';
import { dayKey, type FactorSample, type MFModel, type UserPrior } from './mf-model';
import { groupByItem, groupByUser, meanRating, type RatingData } from './ratings';
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

export interface FitProgress {
  /** Called after each sweep / epoch with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Checked after each sweep; an aborted fit throws a `cancelled` MotifError. */
  signal?: AbortSignal;
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
