import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI_TS, ROOT, isAlive, tempDir, testEngine, until } from './helpers/engine';

function runningJob(file: string): { id: number; owner_pid: number } | undefined {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT id, owner_pid FROM jobs WHERE state = 'running' AND progress LIKE '%training%'").get() as
        | { id: number; owner_pid: number }
        | undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

describe('an engine process killed mid-job', () => {
  it('leaves the job marked failed ("interrupted") at the next start, and its worker exits too', async () => {
    const dataDir = tempDir();
    const cli = spawn(process.execPath, ['--import', 'tsx', CLI_TS, '--data-dir', dataDir, 'doctor', '--self-test', '--steps', '100000'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const file = path.join(dataDir, 'motif.sqlite');
    const job = await until(() => runningJob(file), 60_000, 'the CLI to start training');
    expect(job.owner_pid).toBe(cli.pid);

    // Find the worker (the CLI's child) before killing its parent.
    const { execFileSync } = await import('node:child_process');
    const workerPids = execFileSync('pgrep', ['-P', String(cli.pid)]).toString().trim().split('\n').map(Number);
    expect(workerPids.length).toBeGreaterThan(0);

    cli.kill('SIGKILL');
    await new Promise((resolve) => cli.once('exit', resolve));
    // The orphaned worker notices its parent is gone and exits.
    await until(() => workerPids.every((pid) => !isAlive(pid)), 10_000, 'the orphaned worker to exit');

    const engine = testEngine(dataDir);
    try {
      const after = engine.jobs.get(job.id);
      expect(after.state).toBe('failed');
      expect(after.error).toMatch(/^Interrupted/);
      expect(after.finishedAt).not.toBeNull();
    } finally {
      engine.close();
    }
  });

  it('does not touch jobs owned by another live Motif process', () => {
    const dataDir = tempDir();
    const first = testEngine(dataDir);
    try {
      // A job row owned by a live process (this one, standing in for another app instance).
      const job = first.catalogue.jobs.create('self-test', {}, process.pid);
      first.catalogue.jobs.markRunning(job.id);
      const second = testEngine(dataDir);
      try {
        expect(second.jobs.get(job.id).state).toBe('running');
        expect(() => second.jobs.cancel(job.id)).toThrow(/another Motif process/);
      } finally {
        second.close();
      }
    } finally {
      first.close();
    }
  });
});
