import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI_TS, ROOT, tempDir, testEngine, until } from '../helpers/engine';
import { wavBytes } from '../helpers/media-fixtures';

const FILES = 2000;
const KILLS = 10;

function inspect(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check),
      items: (db.prepare('SELECT count(*) AS n FROM media_items').get() as { n: number }).n,
      fts: (db.prepare('SELECT count(*) AS n FROM media_fts').get() as { n: number }).n,
      withoutWaveform: (db.prepare('SELECT count(*) AS n FROM media_items m LEFT JOIN waveforms w ON w.item_id = m.id WHERE w.item_id IS NULL').get() as { n: number }).n,
      withoutHash: (db.prepare('SELECT count(*) AS n FROM media_items WHERE content_hash IS NULL OR size IS NULL').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

function countItems(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM media_items').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('import survives SIGKILL of the engine', () => {
  it(`kills an import of ${FILES} files ${KILLS} times: the catalogue stays whole and a rerun completes`, async () => {
    const library = fs.realpathSync(tempDir('motif-many-'));
    for (let i = 0; i < FILES; i++) {
      const dir = path.join(library, `batch-${String(Math.floor(i / 200)).padStart(2, '0')}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `take-${String(i).padStart(4, '0')}.wav`), wavBytes({ seconds: 0.02, frequency: 200 + i }));
    }
    const dataDir = tempDir();
    const catalogue = path.join(dataDir, 'motif.sqlite');
    const importOnce = () =>
      spawn(process.execPath, ['--import', 'tsx', CLI_TS, '--data-dir', dataDir, 'library', 'add', library], {
        cwd: ROOT,
        stdio: 'ignore',
        detached: true, // its own process group: the kill takes the worker down too, mid-write
      });

    let last = 0;
    for (let round = 0; round < KILLS; round++) {
      const child = importOnce();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const target = last + 60;
      await until(() => countItems(catalogue) >= target || child.exitCode !== null, 120_000, `round ${round} to import`);
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      const state = inspect(catalogue);
      expect(state.integrity, `round ${round}`).toEqual(['ok']);
      expect(state.fts, `round ${round}`).toBe(state.items);
      expect(state.withoutWaveform, `round ${round}`).toBe(0);
      expect(state.withoutHash, `round ${round}`).toBe(0);
      expect(state.items).toBeGreaterThanOrEqual(last);
      last = state.items;
    }
    expect(last).toBeLessThan(FILES);

    const finish = importOnce();
    const code = await new Promise((resolve) => finish.once('exit', resolve));
    expect(code).toBe(0);
    const final = inspect(catalogue);
    expect(final).toEqual({ integrity: ['ok'], items: FILES, fts: FILES, withoutWaveform: 0, withoutHash: 0 });

    const engine = testEngine(dataDir);
    try {
      const jobs = engine.catalogue.jobs.list({ limit: 50 });
      expect(jobs.filter((j) => j.state === 'failed' && /^Interrupted/.test(j.error ?? ''))).toHaveLength(KILLS);
      expect(jobs[0]).toMatchObject({ kind: 'library-import', state: 'done' });
      expect(engine.catalogue.media.page('', { includeMissing: true }).total).toBe(FILES);
    } finally {
      engine.close();
    }
  }, 300_000);
});
