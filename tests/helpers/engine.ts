import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/main/engine/engine';
import { forkSpawner } from '../../src/main/engine/jobs/fork-spawner';

export const ROOT = path.resolve(__dirname, '../..');
export const WORKER_TS = path.join(ROOT, 'src/main/worker/index.ts');
export const CLI_TS = path.join(ROOT, 'src/main/cli/index.ts');

const madeDirs: string[] = [];

/** Removes the temporary folders `tempDir` made (tests/helpers/temp-cleanup.ts calls it after each test file). */
export function removeMadeDirs(): void {
  for (const dir of madeDirs.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A folder still in use by a dying child process: the OS's temp cleanup will have it.
    }
  }
}

export function tempDir(prefix = 'motif-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** A real engine over a temporary data dir, with the real worker run from source through tsx. */
export function testEngine(
  dataDir = tempDir(),
  env: NodeJS.ProcessEnv = process.env,
  options: { cancelGraceMs?: number } = {},
): Engine {
  return new Engine({
    ...options,
    dataDir,
    host: 'test',
    spawnWorker: forkSpawner({ entry: WORKER_TS, execArgv: ['--import', 'tsx'], env }),
  });
}

/** Poll until `check` returns a value (not undefined/false), or fail after `timeoutMs`. */
export async function until<T>(check: () => T | undefined | false | null, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
