/**
 * A minimal WebAssembly binary emitter: enough to assemble one module with an imported memory and
 * a few exported functions from opcode lists. Used for the SGD kernel (sgd-kernel.ts), which
 * needs C-like speed that plain JavaScript with bounds-checked typed arrays does not reach.
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** Instruction helpers (each returns its bytes). */
export const op = {
  block: (): number[] => [0x02, 0x40],
  loop: (): number[] => [0x03, 0x40],
  if: (): number[] => [0x04, 0x40],
  end: (): number[] => [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  get: (local: number): number[] => [0x20, ...uleb(local)],
  set: (local: number): number[] => [0x21, ...uleb(local)],
  tee: (local: number): number[] => [0x22, ...uleb(local)],
  i32Load: (): number[] => [0x28, 2, 0],
  f64Load: (): number[] => [0x2b, 3, 0],
  f64Store: (): number[] => [0x39, 3, 0],
  i32Const: (v: number): number[] => [0x41, ...sleb(v)],
  f64Const: (v: number): number[] => [0x44, ...new Uint8Array(new Float64Array([v]).buffer)],
  i32Eqz: (): number[] => [0x45],
  i32GeU: (): number[] => [0x4f],
  i32GtU: (): number[] => [0x4b],
  i32Add: (): number[] => [0x6a],
  i32Sub: (): number[] => [0x6b],
  i32Mul: (): number[] => [0x6c],
  i32Shl: (): number[] => [0x74],
  f64Add: (): number[] => [0xa0],
  f64Sub: (): number[] => [0xa1],
  f64Mul: (): number[] => [0xa2],
  v128Load: (): number[] => [0xfd, ...uleb(0x00), 4, 0],
  v128Store: (): number[] => [0xfd, ...uleb(0x0b), 4, 0],
  f64x2Splat: (): number[] => [0xfd, ...uleb(0x14)],
  f64x2Add: (): number[] => [0xfd, ...uleb(0xf0)],
  f64x2Sub: (): number[] => [0xfd, ...uleb(0xf1)],
  f64x2Mul: (): number[] => [0xfd, ...uleb(0xf2)],
};

export interface WasmFunction {
  readonly name: string;
  readonly params: number[];
  /** Extra locals, by type, in order after the params. */
  readonly locals: number[];
  readonly body: number[][];
}

/** A module importing `env.mem` (a memory) and exporting the given functions (no results). */
export function assembleModule(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const imports = vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(1)]]);
  const funcs = vec(functions.map((_, index) => uleb(index)));
  const exports = vec(functions.map((f, index) => [...name(f.name), 0x00, ...uleb(index)]));
  const codes = vec(
    functions.map((f) => {
      const locals = vec(f.locals.map((t) => [1, t]));
      const body = [...locals, ...f.body.flat(), 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}
