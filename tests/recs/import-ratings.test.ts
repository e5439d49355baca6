import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { importRatings } from '../../src/main/engine/catalogue/import-ratings';
import { loadRatingsFile } from '../../src/main/engine/recs';
import { tempDir, testEngine } from '../helpers/engine';

const engines: Engine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.close()));

function files(dir: string, data: string): string {
  fs.writeFileSync(path.join(dir, 'u.item'), '1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n2|Café Noir (1996)|01-Jan-1996||http://y|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n', 'latin1');
  const file = path.join(dir, 'u.data');
  fs.writeFileSync(file, data);
  return file;
}

function snapshot(e: Engine): string {
  return JSON.stringify(['profiles', 'media_items', 'ratings'].map((t) => e.catalogue.db.prepare(`SELECT * FROM ${t}`).all()));
}

describe('importing MovieLens ratings into the catalogue', () => {
  it('makes users profiles and items films with their titles, and re-importing updates in place', () => {
    const e = testEngine();
    engines.push(e);
    const file = files(tempDir(), '7\t1\t5\t881250949\n7\t2\t3\t881250950\n9\t1\t4\t881250951\n');
    const report = importRatings(e.catalogue.db, loadRatingsFile(file));
    expect(report).toMatchObject({ format: 'u.data', profilesCreated: 2, filmsCreated: 2, ratings: 3 });
    const [toy] = e.catalogue.media.search('toy story', { kind: 'film' });
    expect(toy?.title).toBe('Toy Story (1995)');
    expect(e.catalogue.media.search('café').map((m) => m.title)).toEqual(['Café Noir (1996)']);
    const user7 = e.catalogue.profiles.list().find((p) => p.name === 'MovieLens user 7')!;
    expect(e.catalogue.ratings.forProfile(user7.id).map((r) => r.value).sort()).toEqual([3, 5]);
    expect(e.catalogue.ratings.forProfile(user7.id)[0]?.ratedAt).toMatch(/^1997-/);

    fs.writeFileSync(file, '7\t1\t2\t881250999\n');
    expect(importRatings(e.catalogue.db, loadRatingsFile(file))).toMatchObject({ profilesCreated: 0, profilesReused: 1, filmsCreated: 0, filmsReused: 1 });
    expect(e.catalogue.ratings.forProfile(user7.id).find((r) => r.itemId === toy!.id)?.value).toBe(2);
    expect(e.catalogue.stats().itemsByKind.film).toBe(2);
  });

  it('refuses malformed files with the line number and changes nothing', () => {
    const e = testEngine();
    engines.push(e);
    const dir = tempDir();
    importRatings(e.catalogue.db, loadRatingsFile(files(dir, '1\t1\t4\t881250949\n')));
    const before = snapshot(e);
    for (const [data, pattern] of [
      ['1\t1\t4\t881250949\n2\t2\tfive\t881250949\n', /u\.data:2/],
      ['1\t1\t4\t881250949\n1\t1\t3\t881250950\n', /u\.data:2/],
      ['1\t1\t9\t881250949\n', /u\.data:1/],
      ['1\t1\n', /u\.data:1/],
      ['', /u\.data/],
    ] as const) {
      expect(() => importRatings(e.catalogue.db, loadRatingsFile(files(dir, data))), JSON.stringify(data)).toThrow(pattern);
      expect(snapshot(e)).toBe(before);
    }
  });
});
