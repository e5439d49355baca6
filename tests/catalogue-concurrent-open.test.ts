/**
 * Several Motif processes opening a fresh catalogue at the same moment (the CLI run twice, the
 * studio and a CLI): each migration runs once, none fails, and the file ends at the latest schema.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../src/main/engine/catalogue/migrations';
import { openCatalogueDb } from '../src/main/engine/catalogue/open';
import { ROOT, tempDir } from './helpers/engine';

function openInChild(file: string, script: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, file], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('opening a fresh catalogue from several processes at once', () => {
  it('runs each migration once and every process opens it', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'open.ts');
    fs.writeFileSync(
      script,
      `import fs from 'node:fs';\n` +
        `import { openCatalogueDb } from ${JSON.stringify(path.join(ROOT, 'src/main/engine/catalogue/open.ts'))};\n` +
        // A barrier: every process is loaded and waiting before any opens the file.
        `fs.writeFileSync(process.argv[2] + '.ready.' + process.pid, '');\n` +
        `const tick = new Int32Array(new SharedArrayBuffer(4));\n` +
        `while (!fs.existsSync(process.argv[2] + '.go')) Atomics.wait(tick, 0, 0, 1);\n` +
        `const db = openCatalogueDb(process.argv[2]);\ndb.prepare('SELECT count(*) FROM media_items').get();\ndb.close();\n`,
    );
    const file = path.join(dir, 'motif.sqlite');
    const children = Array.from({ length: 6 }, () => openInChild(file, script));
    const ready = (): number => fs.readdirSync(dir).filter((f) => f.startsWith('motif.sqlite.ready.')).length;
    const started = Date.now();
    while (ready() < children.length && Date.now() - started < 45_000) await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(`${file}.go`, '');
    const runs = await Promise.all(children);
    expect(runs.map((r) => [r.code, r.stderr.trim()])).toEqual(runs.map(() => [0, '']));
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('opening the catalogue while another process is writing it', () => {
  // SQLite does not run the busy handler for the switch to WAL, so this open used to fail at once
  // with "database is locked" (seen in CI when two `motif` commands shared a fresh data dir).
  it('waits for the writer to finish instead of failing, then switches to WAL', async () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    const holder =
      `const Database = require('better-sqlite3'); const db = new Database(process.argv[1]);` +
      `db.exec('BEGIN IMMEDIATE'); db.exec('CREATE TABLE other_process (x)'); process.stdout.write('writing\\n');` +
      `setTimeout(() => { db.exec('COMMIT'); db.close(); }, 600);`;
    const child = spawn(process.execPath, ['-e', holder, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const closed = new Promise((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    const peek = new Database(file, { readonly: true });
    expect(peek.pragma('journal_mode', { simple: true })).toBe('delete'); // the file is still in rollback mode
    peek.close();
    const started = Date.now();
    const db = openCatalogueDb(file);
    try {
      expect(Date.now() - started).toBeGreaterThan(300); // it did wait for the other process
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'other_process'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(await closed).toBe(0);
  }, 30_000);
});
