import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/shared/jobs';
import type { Recommendations } from '../../src/shared/recs';
import { tempDir } from '../helpers/engine';
import { json, motif } from './melody-cli';

/** A tiny MovieLens 100K-format set: 6 users, 12 films in two tastes (films 1-6 and 7-12). */
function writeMovieLens(dir: string): string {
  const rows: string[] = [];
  for (let user = 1; user <= 6; user++) {
    const likesFirst = user <= 3;
    for (let film = 1; film <= 12; film++) {
      if ((user + film) % 5 === 0) continue; // some gaps to recommend into
      const first = film <= 6;
      rows.push(`${user}\t${film}\t${first === likesFirst ? 5 : 1}\t${881250949 + user * 100 + film}`);
    }
  }
  fs.writeFileSync(path.join(dir, 'u.data'), rows.join('\n') + '\n');
  const items = Array.from({ length: 12 }, (_, k) => `${k + 1}|Film ${k + 1} (1995)|01-Jan-1995||http://example.org|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0`);
  fs.writeFileSync(path.join(dir, 'u.item'), items.join('\n') + '\n');
  return path.join(dir, 'u.data');
}

describe('motif recs for and recs train', { timeout: 180_000 }, () => {
  const dataDir = tempDir();
  const data = ['--data-dir', dataDir];
  const ratings = writeMovieLens(tempDir('motif-ml-'));

  it('suggests from popularity before training, then from the trained model with reasons', async () => {
    const imported = await motif([...data, 'recs', 'import-ratings', ratings]);
    expect(imported.code, imported.stderr).toBe(0);

    // Profile 1 is the catalogue's own "Me", with no ratings: popular films.
    const before = json<Recommendations>(await motif([...data, '--json', 'recs', 'for', '1', '-n', '3']));
    expect(before.modelId).toBeNull();
    expect(before.profileRatings).toBe(0);
    expect(before.items.map((r) => r.source)).toEqual(['popular', 'popular', 'popular']);

    const trained = await motif([...data, 'recs', 'train', '--folds', '2']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/^Model version #1: default on \d+ ratings from 6 profiles \(12 items\)/);
    expect(trained.stdout).toMatch(/Cross-validated \(2 folds\): RMSE \d\.\d{4}, MAE \d\.\d{4}\nSurprise SVD on the same folds: RMSE \d\.\d{4}/);

    // User 1 likes films 1-6 and has not rated film 4 ((1 + 4) % 5 === 0): it comes first.
    const after = json<Recommendations>(await motif([...data, '--json', 'recs', 'for', 'movielens user 1', '-n', '2']));
    expect(after.modelId).toBe(1);
    expect(after.items[0]!.item.title).toMatch(/^Film 4\b/);
    const text = await motif([...data, 'recs', 'for', 'MovieLens user 1', '-n', '2']);
    expect(text.stdout).toMatch(/^Suggestions for MovieLens user 1 \(model #1, 10 of their ratings folded in\):\n {2}1\. Film 4 .*film\s+\d\.\d★\s+(because you rated "Film \d+.*" 5\.0★|popular: .*)/);
  });

  it('refuses unknown profiles and bad kinds clearly', async () => {
    const unknown = await motif([...data, '--json', 'recs', 'for', 'Nobody']);
    expect(unknown.code).toBe(1);
    expect(json(unknown)).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/no profile "Nobody"/) } });
    const kind = await motif([...data, 'recs', 'for', '1', '--kind', 'poems']);
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toMatch(/poems/);
  });

  it('shows the training job with --json', async () => {
    const run = await motif([...data, '--json', 'recs', 'train', '--folds', '0', '--algo', 'svd']);
    expect(run.code, run.stderr).toBe(0);
    const { job } = json<{ job: JobRecord }>(run);
    expect(job).toMatchObject({ kind: 'recs-train', state: 'done' });
    expect(job.result).toMatchObject({ algorithm: 'svd', folds: 0, modelVersionId: 2 });
  });
});
