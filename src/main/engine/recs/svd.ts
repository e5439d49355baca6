import { type MFModel } from './mf-model';
import { meanRating, type RatingData } from './ratings';
import { NumpyRandomState } from './rng';
import { SgdKernel } from './sgd-kernel';

/**
 * Surprise's `SVD` (surprise/prediction_algorithms/matrix_factorization.pyx), re-implemented:
 * biased MF trained by plain SGD over the training ratings, visited user by user in the order
 * Surprise's Trainset yields them (`all_ratings()`: users in order of first appearance in the
 * training data, each user's ratings in data order), `n_epochs` times, no shuffling, no decay.
 *
 * Per rating, with e = r − (μ + b_u + b_i + q_i·p_u) computed once:
 *   b_u += lr_bu (e − reg_bu b_u);  b_i += lr_bi (e − reg_bi b_i)
 *   for each f, from the old values: p_uf += lr_pu (e q_if − reg_pu p_uf); q_if += lr_qi (e p_uf − reg_qi q_if)
 *
 * Biases start at 0; p and q are drawn N(init_mean, init_std) from numpy's RandomState(seed),
 * users' rows first (in inner-id order), then items', exactly as Surprise draws them, so with the
 * same integer `random_state` the run reproduces Surprise's numbers.
 */
export interface SvdParams {
  factors: number;
  epochs: number;
  biased: boolean;
  initMean: number;
  initStd: number;
  lrBu: number;
  lrBi: number;
  lrPu: number;
  lrQi: number;
  regBu: number;
  regBi: number;
  regPu: number;
  regQi: number;
  seed: number;
}

/** Surprise's defaults: 100 factors, 20 epochs, lr 0.005, reg 0.02, init N(0, 0.1). */
export function surpriseSvdParams(overrides: Partial<SvdParams> & { lr?: number; reg?: number } = {}): SvdParams {
  const lr = overrides.lr ?? 0.005;
  const reg = overrides.reg ?? 0.02;
  return {
    factors: overrides.factors ?? 100,
    epochs: overrides.epochs ?? 20,
    biased: overrides.biased ?? true,
    initMean: overrides.initMean ?? 0,
    initStd: overrides.initStd ?? 0.1,
    lrBu: overrides.lrBu ?? lr,
    lrBi: overrides.lrBi ?? lr,
    lrPu: overrides.lrPu ?? lr,
    lrQi: overrides.lrQi ?? lr,
    regBu: overrides.regBu ?? reg,
    regBi: overrides.regBi ?? reg,
    regPu: overrides.regPu ?? reg,
    regQi: overrides.regQi ?? reg,
    seed: overrides.seed ?? 0,
  };
}

/**
 * The visit order of Surprise's Trainset: rating indices grouped by user, users in order of first
 * appearance, each user's ratings in data order. Also the users and items in first-appearance
 * order (Surprise's inner ids).
 */
export function surpriseOrder(data: RatingData): { order: Int32Array; userOrder: Int32Array; itemOrder: Int32Array } {
  const nUsers = data.userIds.length;
  const nItems = data.itemIds.length;
  const n = data.values.length;
  const userRank = new Int32Array(nUsers).fill(-1);
  const itemRank = new Int32Array(nItems).fill(-1);
  const userOrder: number[] = [];
  const itemOrder: number[] = [];
  const perRank: number[] = [];
  for (let k = 0; k < n; k++) {
    const u = data.users[k] ?? 0;
    const i = data.items[k] ?? 0;
    if (userRank[u] === -1) {
      userRank[u] = userOrder.length;
      userOrder.push(u);
      perRank.push(0);
    }
    if (itemRank[i] === -1) {
      itemRank[i] = itemOrder.length;
      itemOrder.push(i);
    }
    const rank = userRank[u] ?? 0;
    perRank[rank] = (perRank[rank] ?? 0) + 1;
  }
  const start = new Int32Array(userOrder.length + 1);
  for (let r = 0; r < userOrder.length; r++) start[r + 1] = (start[r] ?? 0) + (perRank[r] ?? 0);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const rank = userRank[data.users[k] ?? 0] ?? 0;
    const at = start[rank] ?? 0;
    order[at] = k;
    start[rank] = at + 1;
  }
  return { order, userOrder: Int32Array.from(userOrder), itemOrder: Int32Array.from(itemOrder) };
}

export function fitSvd(
  train: RatingData,
  params: SvdParams = surpriseSvdParams(),
  options: { wasm?: boolean } = {},
): MFModel {
  const k = params.factors;
  const nUsers = train.userIds.length;
  const nItems = train.itemIds.length;
  const { order, userOrder, itemOrder } = surpriseOrder(train);
  const n = order.length;

  // Ratings laid out in visit order, so the epoch loop reads memory sequentially.
  const vu = new Int32Array(n);
  const vi = new Int32Array(n);
  const vr = new Float64Array(n);
  const userCount = new Int32Array(nUsers);
  const itemCount = new Int32Array(nItems);
  for (let p = 0; p < n; p++) {
    const j = order[p] ?? 0;
    const u = train.users[j] ?? 0;
    const i = train.items[j] ?? 0;
    vu[p] = u;
    vi[p] = i;
    vr[p] = train.values[j] ?? 0;
    userCount[u] = (userCount[u] ?? 0) + 1;
    itemCount[i] = (itemCount[i] ?? 0) + 1;
  }

  const kernel = new SgdKernel(vu, vi, vr, nUsers, nItems, k, options);
  const rng = new NumpyRandomState(params.seed);
  for (const u of userOrder) rng.fillNormal(kernel.userFactors, params.initMean, params.initStd, u * k, u * k + k);
  for (const i of itemOrder) rng.fillNormal(kernel.itemFactors, params.initMean, params.initStd, i * k, i * k + k);

  const globalMean = params.biased ? meanRating(train) : 0;
  kernel.run(params.epochs, globalMean, params, params.biased);

  return {
    algorithm: 'svd',
    factors: k,
    globalMean,
    samples: [
      {
        userBias: kernel.userBias.slice(),
        itemBias: kernel.itemBias.slice(),
        userFactors: kernel.userFactors.slice(),
        itemFactors: kernel.itemFactors.slice(),
      },
    ],
    priors: [{ kind: 'ridge', reg: params.regPu }],
    userCount,
    itemCount,
    userIds: train.userIds,
    itemIds: train.itemIds,
    scale: train.scale,
    dayBiases: null,
    params: { ...params },
  };
}
