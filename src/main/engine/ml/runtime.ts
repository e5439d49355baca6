/**
 * The ML runtime: picks the fastest TensorFlow.js backend that works on this machine and says
 * why the others were skipped. Preference: tfjs-node (native libtensorflow, an optional
 * dependency), then the wasm backend (SIMD), then plain JavaScript (cpu).
 * MOTIF_TF_BACKEND=tensorflow|wasm|cpu forces one; a forced backend that fails is an error.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TfNamespace from '@tensorflow/tfjs';
import { TF_BACKENDS, type BackendAttempt, type BackendInfo, type TfBackendName } from '../../../shared/runtime';

export type Tf = typeof TfNamespace;

export interface MlRuntime {
  tf: Tf;
  info: BackendInfo;
}

const requireHere = createRequire(import.meta.url);

/** The wasm binaries live in the package's dist/; in a packaged app, in the unpacked asar copy. */
export function wasmDir(resolvePackageJson: () => string = () => requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json')): string {
  const dir = path.join(path.dirname(resolvePackageJson()), 'dist');
  const unpacked = dir.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked + path.sep;
}

function describe(error: unknown): string {
  const err = error as { code?: unknown; message?: unknown };
  if (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND') {
    return 'not installed (optional dependency @tensorflow/tfjs-node; its native libtensorflow download fails offline)';
  }
  const message = typeof err.message === 'string' ? err.message.split('\n')[0] : String(error);
  return `failed to load: ${message}`;
}

export function parseForcedBackend(value: string | undefined): TfBackendName | null {
  if (value === undefined || value.trim() === '') return null;
  const normalised = value.trim().toLowerCase() === 'node' ? 'tensorflow' : value.trim().toLowerCase();
  if ((TF_BACKENDS as readonly string[]).includes(normalised)) return normalised as TfBackendName;
  throw new Error(`MOTIF_TF_BACKEND must be one of tensorflow (or node), wasm, cpu; got "${value}"`);
}

async function tryBackend(tf: Tf, name: TfBackendName): Promise<string> {
  switch (name) {
    case 'tensorflow': {
      // Registers the 'tensorflow' backend on the shared tfjs-core when the native addon loads.
      // Optional dependency: resolved at run time, so a machine without it still builds.
      const tfjsNode: string = '@tensorflow/tfjs-node';
      await import(/* @vite-ignore */ tfjsNode);
      if (!(await tf.setBackend('tensorflow'))) throw new Error('tfjs-node loaded but its backend did not initialise');
      return 'tfjs-node (native libtensorflow)';
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const dir = wasmDir();
      wasm.setWasmPaths(dir);
      // setBackend resolves false (and silently stays put) when the binary cannot be loaded.
      if (!(await tf.setBackend('wasm'))) throw new Error(`the wasm binary could not be initialised from ${dir}`);
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      return `WebAssembly${simd ? ' with SIMD' : ' without SIMD'} (single-threaded under Node)`;
    }
    case 'cpu': {
      if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialise');
      return 'plain JavaScript (slowest)';
    }
  }
}

export async function initMlRuntime(env: NodeJS.ProcessEnv = process.env): Promise<MlRuntime> {
  const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
  const forced = parseForcedBackend(env.MOTIF_TF_BACKEND);
  const order: readonly TfBackendName[] = forced ? [forced] : TF_BACKENDS;
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      const detail = await tryBackend(tf, name);
      attempts.push({ backend: name, ok: true, detail });
      return { tf, info: { active: name, tfjsVersion: tf.version.tfjs, attempts, forced: forced !== null } };
    } catch (error) {
      attempts.push({ backend: name, ok: false, detail: describe(error) });
    }
  }
  const reasons = attempts.map((a) => `${a.backend}: ${a.detail}`).join('; ');
  throw new Error(
    forced
      ? `MOTIF_TF_BACKEND=${forced} was requested but it is not usable (${reasons})`
      : `no TensorFlow.js backend is usable (${reasons})`,
  );
}
