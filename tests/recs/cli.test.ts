import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TS, ROOT, tempDir } from '../helpers/engine';
import { referencePath } from '../helpers/reference';

function motif(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI_TS, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A small low-rank rating matrix in u.data format (user, item, rating, timestamp). */
function writeRatings(dir: string): string {
  const lines: string[] = [];
  for (let u = 1; u <= 60; u++) {
    for (let i = 1; i <= 40; i++) {
      if ((u * 7 + i * 3) % 4 === 0) continue;
      const affinity = Math.sin(u) * Math.cos(i) + (u % 3) * 0.3 + (i % 5) * 0.2;
      lines.push(`${u}\t${i}\t${Math.max(1, Math.min(5, Math.round(3 + affinity * 1.5)))}\t${880000000 + u * 1000 + i}`);
    }
  }
  const file = path.join(dir, 'u.data');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('motif recs evaluate', () => {
  it('cross-validates with seeded folds and prints JSON with per-fold and mean metrics', () => {
    const file = writeRatings(tempDir());
    const run = motif(['--json', 'recs', 'evaluate', '--ratings', file, '--folds', '3', '--seed', '1', '--algo', 'svd']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { algorithm: string; folds: unknown[]; mean: Record<string, number> };
    expect(result.algorithm).toBe('svd');
    expect(result.folds).toHaveLength(3);
    expect(result.mean.rmse).toBeGreaterThan(0.3);
    expect(result.mean.rmse).toBeLessThan(1.5);
    const again = motif(['--json', 'recs', 'evaluate', '--ratings', file, '--folds', '3', '--seed', '1', '--algo', 'svd']);
    expect((JSON.parse(again.stdout) as { mean: { rmse: number } }).mean.rmse).toBe(result.mean.rmse);
  });

  it('refuses contradictory or unknown options with clear errors', () => {
    const file = writeRatings(tempDir());
    expect(motif(['recs', 'evaluate']).stderr).toMatch(/either --ratings FILE/);
    expect(motif(['recs', 'evaluate', '--ratings', file, '--train', file]).stderr).toMatch(/either --ratings/);
    expect(motif(['recs', 'evaluate', '--ratings', file, '--algo', 'magic']).stderr).toMatch(/Unknown algorithm "magic"/);
    const bad = path.join(tempDir(), 'u.data');
    fs.writeFileSync(bad, '1\t2\t3\t4\n1\t2\t9\t5\n');
    const broken = motif(['recs', 'evaluate', '--ratings', bad]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/u\.data:2/);
  });

  it('reproduces the Surprise SVD baseline on MovieLens 100K u1 (train/test files)', () => {
    const dir = referencePath('movielens', 'ml-100k');
    if (!dir) return;
    const run = motif(['--json', 'recs', 'evaluate', '--train', path.join(dir, 'u1.base'), '--test', path.join(dir, 'u1.test'), '--algo', 'svd']);
    expect(run.code, run.stderr).toBe(0);
    const rmse = (JSON.parse(run.stdout) as { mean: { rmse: number } }).mean.rmse;
    expect(rmse).toBeGreaterThan(0.945);
    expect(rmse).toBeLessThan(0.957);
  });
});
