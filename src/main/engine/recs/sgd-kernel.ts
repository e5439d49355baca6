import { assembleModule, F64, I32, V128, op } from './wasm-emit';

/**
 * The SGD epoch loop of Surprise's SVD as a WebAssembly function, plus an identical plain
 * JavaScript fallback. Both perform exactly Surprise's floating-point operations in Surprise's
 * order (the dot product is accumulated sequentially, the element-wise factor updates use f64x2
 * lanes, which round exactly like scalar f64), so they produce bit-identical factors.
 *
 * Layout: ratings in visit order (user index, item index, value), biases, and the row-major
 * factor matrices live in one WebAssembly memory; the typed-array views below expose them.
 */
export interface SgdRates {
  lrBu: number;
  lrBi: number;
  lrPu: number;
  lrQi: number;
  regBu: number;
  regBi: number;
  regPu: number;
  regQi: number;
}

// Parameters of `sgd(end, k, users, items, values, userBias, itemBias, P, Q, epochs, μ, lr×4, reg×4,
// biased, start)`: byte offsets into memory, ratings [start, end) visited `epochs` times.
// prettier-ignore
const P_N = 0, P_K = 1, P_U = 2, P_I = 3, P_R = 4, P_BU = 5, P_BI = 6, P_P = 7, P_Q = 8, P_EPOCHS = 9;
// prettier-ignore
const P_MU = 10, P_LRBU = 11, P_LRBI = 12, P_LRPU = 13, P_LRQI = 14, P_REGBU = 15, P_REGBI = 16, P_REGPU = 17, P_REGQI = 18;
// prettier-ignore
const P_BIASED = 19, P_START = 20;
// prettier-ignore
const PARAMS = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64, I32, I32];
// Locals after the params.
const L = {
  e: 21,
  p: 22,
  u: 23,
  i: 24,
  aBu: 25,
  aBi: 26,
  uo: 27,
  io: 28,
  fp: 29,
  fq: 30,
  end: 31,
  pairEnd: 32,
  kb: 33,
  kbPairs: 34,
};
const LF = { dot: 35, err: 36, puf: 37, qif: 38 };
const LV = { err: 39, lrPu: 40, regPu: 41, lrQi: 42, regQi: 43, vp: 44, vq: 45 };
// prettier-ignore
const LOCALS = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, V128, V128, V128, V128, V128, V128, V128];

function sgdBody(): number[][] {
  const g = op.get;
  const s = op.set;
  const advance = (local: number, bytes: number) => [...g(local), ...op.i32Const(bytes), ...op.i32Add(), ...s(local)];
  // value' = value + lr * (err * other - reg * value), scalar
  const scalarUpdate = (addr: number, value: number, other: number, lr: number, reg: number) => [
    ...g(addr),
    ...g(value),
    ...g(lr),
    ...g(LF.err),
    ...g(other),
    ...op.f64Mul(),
    ...g(reg),
    ...g(value),
    ...op.f64Mul(),
    ...op.f64Sub(),
    ...op.f64Mul(),
    ...op.f64Add(),
    ...op.f64Store(),
  ];
  const vectorUpdate = (addr: number, value: number, other: number, lr: number, reg: number) => [
    ...g(addr),
    ...g(value),
    ...g(lr),
    ...g(LV.err),
    ...g(other),
    ...op.f64x2Mul(),
    ...g(reg),
    ...g(value),
    ...op.f64x2Mul(),
    ...op.f64x2Sub(),
    ...op.f64x2Mul(),
    ...op.f64x2Add(),
    ...op.v128Store(),
  ];
  const biasUpdate = (addr: number, lr: number, reg: number) => [
    ...g(addr),
    ...g(addr),
    ...op.f64Load(),
    ...g(lr),
    ...g(LF.err),
    ...g(reg),
    ...g(addr),
    ...op.f64Load(),
    ...op.f64Mul(),
    ...op.f64Sub(),
    ...op.f64Mul(),
    ...op.f64Add(),
    ...op.f64Store(),
  ];
  // prettier-ignore
  return [
    g(P_K), op.i32Const(3), op.i32Shl(), s(L.kb),
    g(P_K), op.i32Const(1), [0x76] /* i32.shr_u */, op.i32Const(4), op.i32Shl(), s(L.kbPairs),
    g(P_LRPU), op.f64x2Splat(), s(LV.lrPu),
    g(P_REGPU), op.f64x2Splat(), s(LV.regPu),
    g(P_LRQI), op.f64x2Splat(), s(LV.lrQi),
    g(P_REGQI), op.f64x2Splat(), s(LV.regQi),
    op.i32Const(0), s(L.e),
    op.block(), op.loop(),
    g(L.e), g(P_EPOCHS), op.i32GeU(), op.brIf(1),
    g(P_START), s(L.p),
    op.block(), op.loop(),
    g(L.p), g(P_N), op.i32GeU(), op.brIf(1),
    g(P_U), g(L.p), op.i32Const(2), op.i32Shl(), op.i32Add(), op.i32Load(), s(L.u),
    g(P_I), g(L.p), op.i32Const(2), op.i32Shl(), op.i32Add(), op.i32Load(), s(L.i),
    g(P_BU), g(L.u), op.i32Const(3), op.i32Shl(), op.i32Add(), s(L.aBu),
    g(P_BI), g(L.i), op.i32Const(3), op.i32Shl(), op.i32Add(), s(L.aBi),
    g(P_P), g(L.u), g(L.kb), op.i32Mul(), op.i32Add(), s(L.uo),
    g(P_Q), g(L.i), g(L.kb), op.i32Mul(), op.i32Add(), op.tee(L.io), g(L.kb), op.i32Add(), s(L.end),
    // dot = Σ_f q_if p_uf, sequentially
    op.f64Const(0), s(LF.dot),
    g(L.uo), s(L.fp), g(L.io), s(L.fq),
    op.block(), op.loop(),
    g(L.fq), g(L.end), op.i32GeU(), op.brIf(1),
    g(LF.dot), g(L.fq), op.f64Load(), g(L.fp), op.f64Load(), op.f64Mul(), op.f64Add(), s(LF.dot),
    advance(L.fp, 8), advance(L.fq, 8),
    op.br(0), op.end(), op.end(),
    // err = r - (((mu + bu) + bi) + dot)
    g(P_R), g(L.p), op.i32Const(3), op.i32Shl(), op.i32Add(), op.f64Load(),
    g(P_MU), g(L.aBu), op.f64Load(), op.f64Add(), g(L.aBi), op.f64Load(), op.f64Add(), g(LF.dot), op.f64Add(),
    op.f64Sub(), s(LF.err),
    g(P_BIASED), op.if(), biasUpdate(L.aBu, P_LRBU, P_REGBU), biasUpdate(L.aBi, P_LRBI, P_REGBI), op.end(),
    // factor updates, two lanes at a time, then the odd tail
    g(LF.err), op.f64x2Splat(), s(LV.err),
    g(L.uo), s(L.fp), g(L.io), s(L.fq),
    g(L.io), g(L.kbPairs), op.i32Add(), s(L.pairEnd),
    op.block(), op.loop(),
    g(L.fq), g(L.pairEnd), op.i32GeU(), op.brIf(1),
    g(L.fp), op.v128Load(), s(LV.vp),
    g(L.fq), op.v128Load(), s(LV.vq),
    vectorUpdate(L.fp, LV.vp, LV.vq, LV.lrPu, LV.regPu),
    vectorUpdate(L.fq, LV.vq, LV.vp, LV.lrQi, LV.regQi),
    advance(L.fp, 16), advance(L.fq, 16),
    op.br(0), op.end(), op.end(),
    op.block(), op.loop(),
    g(L.fq), g(L.end), op.i32GeU(), op.brIf(1),
    g(L.fp), op.f64Load(), s(LF.puf),
    g(L.fq), op.f64Load(), s(LF.qif),
    scalarUpdate(L.fp, LF.puf, LF.qif, P_LRPU, P_REGPU),
    scalarUpdate(L.fq, LF.qif, LF.puf, P_LRQI, P_REGQI),
    advance(L.fp, 8), advance(L.fq, 8),
    op.br(0), op.end(), op.end(),
    advance(L.p, 1),
    op.br(0), op.end(), op.end(),
    advance(L.e, 1),
    op.br(0), op.end(), op.end(),
  ];
}

/** The slice of the WebAssembly JS API used here (the engine's tsconfig has no DOM lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

function sgdModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasmApi
        ? new wasmApi.Module(assembleModule([{ name: 'sgd', params: PARAMS, locals: LOCALS, body: sgdBody() }]))
        : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

type SgdFn = (...args: number[]) => void;

const CHUNK = 2048;

/** Ratings in visit order plus the model's parameters, ready for epochs of SGD. */
export class SgdKernel {
  readonly userBias: Float64Array;
  readonly itemBias: Float64Array;
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  readonly usesWasm: boolean;
  private readonly users: Int32Array;
  private readonly items: Int32Array;
  private readonly values: Float64Array;
  private readonly sgd: SgdFn | null;
  private readonly offsets: { u: number; i: number; r: number; bu: number; bi: number; p: number; q: number };

  constructor(
    users: Int32Array,
    items: Int32Array,
    values: Float64Array,
    nUsers: number,
    nItems: number,
    readonly factors: number,
    options: { wasm?: boolean } = {},
  ) {
    const n = values.length;
    const k = factors;
    const module = options.wasm === false ? null : sgdModule();
    // Byte offsets, each 16-aligned.
    const align = (x: number) => Math.ceil(x / 16) * 16;
    const u = 0;
    const i = align(u + 4 * n);
    const r = align(i + 4 * n);
    const bu = align(r + 8 * n);
    const bi = align(bu + 8 * nUsers);
    const p = align(bi + 8 * nItems);
    const q = align(p + 8 * nUsers * k);
    const total = align(q + 8 * nItems * k);
    this.offsets = { u, i, r, bu, bi, p, q };
    let buffer: ArrayBuffer;
    let sgd: SgdFn | null = null;
    if (module && wasmApi && total < 2 ** 31) {
      const memory = new wasmApi.Memory({ initial: Math.ceil(total / 65536) });
      const instance = new wasmApi.Instance(module, { env: { mem: memory } });
      sgd = instance.exports.sgd as SgdFn;
      buffer = memory.buffer;
    } else {
      buffer = new ArrayBuffer(total);
    }
    this.sgd = sgd;
    this.usesWasm = sgd !== null;
    this.users = new Int32Array(buffer, u, n);
    this.items = new Int32Array(buffer, i, n);
    this.values = new Float64Array(buffer, r, n);
    this.users.set(users);
    this.items.set(items);
    this.values.set(values);
    this.userBias = new Float64Array(buffer, bu, nUsers);
    this.itemBias = new Float64Array(buffer, bi, nItems);
    this.userFactors = new Float64Array(buffer, p, nUsers * k);
    this.itemFactors = new Float64Array(buffer, q, nItems * k);
  }

  /** Run `epochs` passes over the ratings in order. */
  run(epochs: number, mu: number, rates: SgdRates, biased = true): void {
    const o = this.offsets;
    if (this.sgd) {
      // One call per chunk of ratings rather than one long call: V8 first runs WebAssembly in its
      // baseline compiler and switches to optimised code only between calls.
      const n = this.values.length;
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let start = 0; start < n; start += CHUNK) {
          this.sgd(
            Math.min(n, start + CHUNK),
            this.factors,
            o.u,
            o.i,
            o.r,
            o.bu,
            o.bi,
            o.p,
            o.q,
            1,
            mu,
            rates.lrBu,
            rates.lrBi,
            rates.lrPu,
            rates.lrQi,
            rates.regBu,
            rates.regBi,
            rates.regPu,
            rates.regQi,
            biased ? 1 : 0,
            start,
          );
        }
      }
    } else {
      sgdEpochsJs(
        this.users,
        this.items,
        this.values,
        this.userBias,
        this.itemBias,
        this.userFactors,
        this.itemFactors,
        this.factors,
        epochs,
        mu,
        rates,
        biased,
      );
    }
  }
}

/** The same loop in plain JavaScript (the fallback, and the reference the tests compare against). */
export function sgdEpochsJs(
  vu: Int32Array,
  vi: Int32Array,
  vr: Float64Array,
  bu: Float64Array,
  bi: Float64Array,
  P: Float64Array,
  Q: Float64Array,
  k: number,
  epochs: number,
  mu: number,
  rates: SgdRates,
  biased: boolean,
): void {
  const { lrBu, lrBi, lrPu, lrQi, regBu, regBi, regPu, regQi } = rates;
  const n = vr.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let p = 0; p < n; p++) {
      const u = vu[p] as number;
      const i = vi[p] as number;
      const uo = u * k;
      const io = i * k;
      let dot = 0;
      for (let f = 0; f < k; f++) dot += (Q[io + f] as number) * (P[uo + f] as number);
      const err = (vr[p] as number) - (mu + (bu[u] as number) + (bi[i] as number) + dot);
      if (biased) {
        bu[u] = (bu[u] as number) + lrBu * (err - regBu * (bu[u] as number));
        bi[i] = (bi[i] as number) + lrBi * (err - regBi * (bi[i] as number));
      }
      for (let f = 0; f < k; f++) {
        const puf = P[uo + f] as number;
        const qif = Q[io + f] as number;
        P[uo + f] = puf + lrPu * (err * qif - regPu * puf);
        Q[io + f] = qif + lrQi * (err * puf - regQi * qif);
      }
    }
  }
}
