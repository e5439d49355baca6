/**
 * Small dense linear algebra for the Gibbs sampler and fold-in: d×d symmetric positive-definite
 * systems (d = factors + 1, about 11), row-major in Float64Array.
 */

/** Lower Cholesky factor L of A (A = L Lᵀ) into `L`. False when A is not positive definite. */
export function cholesky(A: Float64Array, n: number, L: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / (L[j * n + j] as number);
      }
    }
    for (let j = i + 1; j < n; j++) L[i * n + j] = 0;
  }
  return true;
}

/** Solve L y = b in place (b becomes y). */
export function solveLower(L: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * n + k] as number) * (b[k] as number);
    b[i] = s / (L[i * n + i] as number);
  }
}

/** Solve Lᵀ x = b in place (b becomes x). */
export function solveUpper(L: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] as number) * (b[k] as number);
    b[i] = s / (L[i * n + i] as number);
  }
}

/** Solve A x = b for SPD A (b becomes x), adding a tiny ridge if A is numerically singular. */
export function solveSpd(A: Float64Array, n: number, b: Float64Array, scratch = new Float64Array(n * n)): void {
  if (!cholesky(A, n, scratch)) {
    const B = A.slice();
    let trace = 0;
    for (let i = 0; i < n; i++) trace += B[i * n + i] as number;
    for (let i = 0; i < n; i++) B[i * n + i] = (B[i * n + i] as number) + 1e-9 * (trace / n + 1);
    if (!cholesky(B, n, scratch)) throw new Error('matrix is not positive definite');
  }
  solveLower(scratch, n, b);
  solveUpper(scratch, n, b);
}

/** The inverse of an SPD matrix. */
export function inverseSpd(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  if (!cholesky(A, n, L)) throw new Error('matrix is not positive definite');
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    col.fill(0);
    col[c] = 1;
    solveLower(L, n, col);
    solveUpper(L, n, col);
    for (let r = 0; r < n; r++) inv[r * n + c] = col[r] as number;
  }
  return inv;
}
