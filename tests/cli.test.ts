import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TS, ROOT, tempDir } from './helpers/engine';

function motif(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI_TS, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('motif CLI', () => {
  it('doctor --json reports versions, backend with reasons, data dir and a healthy catalogue', () => {
    const dataDir = tempDir();
    const { code, stdout } = motif(['--data-dir', dataDir, '--json', 'doctor']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      info: { dataDir: string; backend: { active: string; attempts: Array<{ backend: string; ok: boolean; detail: string }> } };
      catalogue: { integrity: string[]; schemaVersion: number };
    };
    expect(report.info.dataDir).toBe(dataDir);
    expect(report.catalogue.integrity).toEqual(['ok']);
    expect(report.catalogue.schemaVersion).toBeGreaterThan(0);
    expect(['tensorflow', 'wasm']).toContain(report.info.backend.active);
    expect(report.info.backend.attempts[0]?.backend).toBe('tensorflow');
    expect(fs.existsSync(path.join(dataDir, 'motif.sqlite'))).toBe(true);
  });

  it('takes the data dir from MOTIF_DATA_DIR, and prints human text without --json', () => {
    const dataDir = tempDir();
    const { code, stdout } = motif(['doctor'], { MOTIF_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).toContain(`Data dir     ${dataDir}`);
    expect(stdout).toMatch(/ML backend\s+(wasm|tensorflow)/);
    expect(stdout).toMatch(/integrity ok/);
  });

  it('doctor --self-test trains in the worker, shows falling loss and records a model version', () => {
    const dataDir = tempDir();
    const run = motif(['--data-dir', dataDir, 'doctor', '--self-test', '--steps', '200']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Step \d+ of 200/);
    const match = /loss fell from ([\d.]+) to ([\d.]+)/.exec(run.stdout);
    expect(match).not.toBeNull();
    expect(Number(match![2])).toBeLessThan(Number(match![1]));
    const jobs = motif(['--data-dir', dataDir, '--json', 'jobs']);
    const list = JSON.parse(jobs.stdout) as Array<{ kind: string; state: string; result: { modelVersionId: number } }>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'self-test', state: 'done' });
    expect(list[0]!.result.modelVersionId).toBeGreaterThan(0);
    expect(motif(['--data-dir', dataDir, 'jobs']).stdout).toMatch(/self-test\s+done/);
  });

  it('refuses a non-SQLite catalogue with a clear error, in text and JSON, without touching it', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'motif.sqlite');
    fs.writeFileSync(file, 'hello');
    const text = motif(['--data-dir', dataDir, 'jobs']);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/not an SQLite database/);
    const json = motif(['--data-dir', dataDir, '--json', 'jobs']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(fs.readFileSync(file, 'utf8')).toBe('hello');
  });

  it('rejects bad arguments through the parser', () => {
    const bad = motif(['doctor', '--self-test', '--steps', 'lots']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/expected an integer/);
    expect(motif(['jobs', '--state', 'sleeping']).stderr).toMatch(/Allowed choices are/);
    expect(motif(['--help']).stdout).toMatch(/doctor[\s\S]*serve[\s\S]*jobs/);
  });
});
