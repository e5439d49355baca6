import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Catalogue } from './catalogue/catalogue';
import { initMlRuntime } from './ml/runtime';
import { CATALOGUE_FILE } from './paths';

export interface SmokeTestResult {
  ok: boolean;
  backend: string | null;
  tensorSum: number | null;
  catalogueIntegrity: string[];
  profiles: number;
  error: string | null;
}

/**
 * The packaged app's `--self-test`: one tensor op on the selected backend and one catalogue query,
 * in a throwaway data directory (the user's catalogue is never touched).
 */
export async function runSmokeTest(): Promise<SmokeTestResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-smoke-'));
  const result: SmokeTestResult = { ok: false, backend: null, tensorSum: null, catalogueIntegrity: [], profiles: 0, error: null };
  try {
    const { tf, info } = await initMlRuntime();
    result.backend = info.active;
    result.tensorSum = tf.tidy(() => tf.tensor1d([1, 2, 3, 4]).square().sum().dataSync()[0] ?? NaN);
    const catalogue = Catalogue.open(path.join(dir, CATALOGUE_FILE));
    try {
      result.catalogueIntegrity = catalogue.health().integrity;
      result.profiles = catalogue.profiles.list().length;
    } finally {
      catalogue.close();
    }
    result.ok = result.tensorSum === 30 && result.catalogueIntegrity[0] === 'ok' && result.profiles > 0;
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
