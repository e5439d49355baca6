import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initMlRuntime, parseForcedBackend, wasmDir } from '../src/main/engine/ml/runtime';

const require = createRequire(import.meta.url);
function tfjsNodeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('ML runtime selection', () => {
  it('prefers tfjs-node, else wasm, and says why each skipped backend was skipped', async () => {
    const runtime = await initMlRuntime({});
    const [first] = runtime.info.attempts;
    expect(first?.backend).toBe('tensorflow');
    if (tfjsNodeInstalled()) {
      expect(runtime.info.active).toBe('tensorflow');
    } else {
      expect(first).toMatchObject({ ok: false });
      expect(first?.detail).toMatch(/not installed/);
      expect(runtime.info.active).toBe('wasm');
      expect(runtime.tf.getBackend()).toBe('wasm');
      expect(runtime.info.attempts[1]).toMatchObject({ backend: 'wasm', ok: true });
      expect(runtime.info.attempts[1]?.detail).toMatch(/WebAssembly/);
    }
    expect(runtime.info.forced).toBe(false);
    expect(runtime.info.tfjsVersion).toMatch(/^4\./);
  });

  it('MOTIF_TF_BACKEND forces one backend', async () => {
    const runtime = await initMlRuntime({ MOTIF_TF_BACKEND: 'cpu' });
    expect(runtime.info).toMatchObject({ active: 'cpu', forced: true });
    expect(runtime.info.attempts).toHaveLength(1);
    expect(runtime.tf.getBackend()).toBe('cpu');
    const sum = runtime.tf.tidy(() => runtime.tf.tensor1d([1, 2, 3]).sum().dataSync()[0]);
    expect(sum).toBe(6);
  });

  it('a forced backend that cannot load is an error, not a silent fallback', async () => {
    if (tfjsNodeInstalled()) return;
    await expect(initMlRuntime({ MOTIF_TF_BACKEND: 'tensorflow' })).rejects.toThrow(/MOTIF_TF_BACKEND=tensorflow was requested but it is not usable/);
  });

  it('parses MOTIF_TF_BACKEND strictly', () => {
    expect(parseForcedBackend(undefined)).toBeNull();
    expect(parseForcedBackend(' ')).toBeNull();
    expect(parseForcedBackend('WASM')).toBe('wasm');
    expect(parseForcedBackend('node')).toBe('tensorflow');
    expect(() => parseForcedBackend('webgl')).toThrow(/must be one of/);
  });

  it('resolves the wasm binaries from the package, and from the unpacked asar when packaged', () => {
    const dir = wasmDir();
    expect(require('node:fs').existsSync(path.join(dir, 'tfjs-backend-wasm-simd.wasm'))).toBe(true);
    const packaged = wasmDir(() => '/opt/Motif/resources/app.asar/node_modules/@tensorflow/tfjs-backend-wasm/package.json');
    expect(packaged).toBe('/opt/Motif/resources/app.asar.unpacked/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  });
});
