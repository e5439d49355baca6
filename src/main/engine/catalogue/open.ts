import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { MotifError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** How long any statement waits for another Motif process to let go of the catalogue. */
const BUSY_TIMEOUT_MS = 10_000;

export type CatalogueProblem = 'not-sqlite' | 'corrupt' | 'newer-schema' | 'unreadable';

/** Opening the catalogue failed; the file on disk was left exactly as it was. */
export class CatalogueOpenError extends MotifError {
  readonly problem: CatalogueProblem;
  readonly path: string;

  constructor(problem: CatalogueProblem, file: string, detail: string, cause?: unknown) {
    super('unavailable', `Cannot open the catalogue at ${file}: ${detail}`, { cause });
    this.name = 'CatalogueOpenError';
    this.problem = problem;
    this.path = file;
  }
}

/**
 * Refuse anything that is not an SQLite database before SQLite touches it: opening a foreign file
 * and then enabling WAL would rewrite its header.
 */
function checkHeader(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CatalogueOpenError('unreadable', file, (error as Error).message, error);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return;
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read < header.length || !header.equals(SQLITE_MAGIC)) {
      throw new CatalogueOpenError(
        'not-sqlite',
        file,
        'the file is not an SQLite database. Motif did not change it; move it aside or choose another data directory.',
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switch the file to WAL. The switch needs the file to itself, and SQLite does not run the busy
 * handler for it, so a second Motif process opening a fresh catalogue at the same moment (the CLI
 * beside the studio) got "database is locked" at once. WAL is a property of the file: once any
 * process has switched it there is nothing left to do, so read the mode first and retry with
 * backoff while another process holds the file, within the same budget as the busy timeout.
 */
export function enableWal(db: Db, budgetMs = BUSY_TIMEOUT_MS): void {
  const deadline = Date.now() + budgetMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    try {
      if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') return;
      // A file system without WAL support answers with its own mode; keep working in that mode.
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    Atomics.wait(pause, 0, 0, delay);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Run every migration newer than the file's `user_version`, each in its own transaction. The
 * version is read again inside an IMMEDIATE transaction (which waits for the write lock), so two
 * Motif processes opening a fresh catalogue at once never run the same migration twice.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= schemaVersion(db)) continue;
    const ran = db
      .transaction(() => {
        if (migration.version <= schemaVersion(db)) return false; // another process got there first
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(migration.version);
  }
  return applied;
}

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Open (creating if needed) the catalogue: WAL, foreign keys, a busy timeout, then migrations.
 * A foreign, corrupt or newer-than-us file gives a CatalogueOpenError and is never written.
 */
export function openCatalogueDb(file: string, options: OpenOptions = {}): Db {
  checkHeader(file);
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new CatalogueOpenError('unreadable', file, (error as Error).message, error);
  }
  try {
    // Read the schema before any write: a damaged file fails here, untouched.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new CatalogueOpenError(
        'newer-schema',
        file,
        `it was written by a newer Motif (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update Motif to open it.`,
      );
    }
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      enableWal(db);
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof CatalogueOpenError) throw error;
    if (isSqliteCorruption(error)) {
      throw new CatalogueOpenError(
        'corrupt',
        file,
        `the database is damaged (${(error as Error).message}). Motif did not change it; restore a backup or move it aside.`,
        error,
      );
    }
    throw new CatalogueOpenError('unreadable', file, (error as Error).message, error);
  }
}
