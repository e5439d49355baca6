import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../src/main/engine/catalogue/catalogue';
import { toFtsQuery } from '../src/main/engine/catalogue/media-repo';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../src/main/engine/catalogue/migrations';
import { CatalogueOpenError, migrate, openCatalogueDb } from '../src/main/engine/catalogue/open';
import { tempDir } from './helpers/engine';

const opened: Catalogue[] = [];
function open(file: string): Catalogue {
  const catalogue = Catalogue.open(file);
  opened.push(catalogue);
  return catalogue;
}
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

function schemaSnapshot(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      objects: db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(),
      profiles: db.prepare('SELECT * FROM profiles').all(),
    };
  } finally {
    db.close();
  }
}

describe('catalogue', () => {
  it('creates the schema with WAL, foreign keys and the latest user_version', () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    const catalogue = open(file);
    expect(catalogue.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(catalogue.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(catalogue.db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    expect(catalogue.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (catalogue.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    for (const table of ['profiles', 'media_items', 'tags', 'item_tags', 'ratings', 'model_versions', 'jobs', 'media_fts']) {
      expect(tables).toContain(table);
    }
    expect(catalogue.health().integrity).toEqual(['ok']);
  });

  it('running the migrations twice is a no-op', () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    open(file).close();
    const before = schemaSnapshot(file);
    const db = openCatalogueDb(file);
    try {
      expect(migrate(db)).toEqual([]);
      expect(migrate(db, MIGRATIONS)).toEqual([]);
    } finally {
      db.close();
    }
    open(file).close();
    expect(schemaSnapshot(file)).toEqual(before);
  });

  it('a migration that fails leaves the previous version intact', () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    const db = openCatalogueDb(file);
    try {
      const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, description: 'broken', up: (d: typeof db) => d.exec('CREATE TABLE half_done(x); SELECT * FROM no_such_table;') }];
      expect(() => migrate(db, broken)).toThrow(/no_such_table/);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('refuses a non-SQLite file with a clear error and never overwrites it', () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    const bytes = Buffer.from('These are my notes, not a database.\n'.repeat(200));
    fs.writeFileSync(file, bytes);
    let caught: unknown;
    try {
      Catalogue.open(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CatalogueOpenError);
    expect((caught as CatalogueOpenError).problem).toBe('not-sqlite');
    expect((caught as CatalogueOpenError).kind).toBe('unavailable');
    expect((caught as Error).message).toContain(file);
    expect((caught as Error).message).toMatch(/not an SQLite database/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(file + '-wal')).toBe(false);
  });

  it('refuses a damaged SQLite file (valid header, garbage pages) and leaves it untouched', () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    const good = open(file);
    good.media.insert({ kind: 'midi', path: '/x/a.mid', title: 'A tune' });
    good.db.pragma('wal_checkpoint(TRUNCATE)');
    good.close();
    const original = fs.readFileSync(file);
    const damaged = Buffer.from(original);
    // Keep the 100-byte header, trash the schema page and everything after it.
    for (let i = 100; i < damaged.length; i++) damaged[i] = (i * 31) & 0xff;
    fs.writeFileSync(file, damaged);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    expect(() => Catalogue.open(file)).toThrow(CatalogueOpenError);
    expect(() => Catalogue.open(file)).toThrow(/damaged|malformed|not a database/i);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  });

  it('refuses a catalogue written by a newer Motif', () => {
    const file = path.join(tempDir(), 'motif.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(file);
    expect(() => Catalogue.open(file)).toThrow(/newer Motif/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('starts with one default profile and keeps profile names unique', () => {
    const catalogue = open(path.join(tempDir(), 'motif.sqlite'));
    expect(catalogue.profiles.list().map((p) => p.name)).toEqual(['Me']);
    catalogue.profiles.create('Studio B');
    expect(() => catalogue.profiles.create('studio b')).toThrow(/already exists/);
  });

  it('searches titles and tags with FTS5, prefix-matching and safe against FTS syntax', () => {
    const catalogue = open(path.join(tempDir(), 'motif.sqlite'));
    const reel = catalogue.media.insert({ kind: 'midi', path: '/music/reel.mid', title: 'The Kesh Jig' });
    const still = catalogue.media.insert({ kind: 'image', path: '/stills/a.jpg', title: 'Frame 0042' });
    catalogue.media.insert({ kind: 'audio', path: '/audio/b.wav', title: 'Café Rain' });
    catalogue.media.addTags(still.id, ['close-up', 'night']);
    expect(catalogue.media.search('kesh').map((m) => m.id)).toEqual([reel.id]);
    expect(catalogue.media.search('ke').map((m) => m.id)).toEqual([reel.id]);
    expect(catalogue.media.search('night').map((m) => m.id)).toEqual([still.id]);
    expect(catalogue.media.search('cafe').map((m) => m.title)).toEqual(['Café Rain']);
    expect(catalogue.media.search('night', { kind: 'midi' })).toEqual([]);
    expect(catalogue.media.get(still.id)?.tags).toEqual(['close-up', 'night']);
    // FTS operators and quotes in user input are words, never syntax errors.
    expect(() => catalogue.media.search('"NEAR( kesh * OR -')).not.toThrow();
    expect(catalogue.media.search('"kesh" OR').map((m) => m.id)).toEqual([]);
    catalogue.media.removeTag(still.id, 'night');
    expect(catalogue.media.search('night')).toEqual([]);
    expect(catalogue.media.search('').length).toBe(3);
    expect(toFtsQuery('  ')).toBeNull();
  });

  it('cascades ratings and tags when an item is deleted', () => {
    const catalogue = open(path.join(tempDir(), 'motif.sqlite'));
    const item = catalogue.media.insert({ kind: 'film', path: null, title: 'Toy Story (1995)' });
    catalogue.media.addTags(item.id, ['animation']);
    catalogue.db.prepare('INSERT INTO ratings(profile_id, item_id, value) VALUES (1, ?, 4.5)').run(item.id);
    expect(() => catalogue.db.prepare('INSERT INTO ratings(profile_id, item_id, value) VALUES (1, ?, 6)').run(item.id)).toThrow(/CHECK/);
    catalogue.db.prepare('DELETE FROM media_items WHERE id = ?').run(item.id);
    expect(catalogue.stats()).toMatchObject({ items: 0, ratings: 0 });
    expect(catalogue.media.search('toy')).toEqual([]);
  });
});
