import { sampleHyper } from './bayes-mf-conditionals';
import { cholesky, solveLower, solveUpper } from './linalg';
import type { UserRows } from './ratings';
import type { NumpyRandomState } from './rng';

/**
 * Gibbs draws of the implicit item factors y_j, one item at a time. y_j enters every rating of
 * every user u who rated j through s_u q_i·y_j (s_u = |N(u)|^-1/2). With H_u = s_u² Σ_{i∈R(u)} q_i q_iᵀ
 * and ĝ_u = s_u Σ_{i∈R(u)} q_i e_ui (e = current residuals), y_j's conditional is Gaussian with
 * precision A = Λ_Y + α Σ_{u∈N(j)} H_u and mean A⁻¹ (Λ_Y μ_Y + α (Σ_{u∈N(j)} ĝ_u + (Σ H_u) y_j,old)).
 * After each draw, ĝ_u −= H_u Δ and z_u += s_u Δ for j's users, so a sweep costs
 * O(ratings × factors²).
 */
export function sampleImplicit(
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
