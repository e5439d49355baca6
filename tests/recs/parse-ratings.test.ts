import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MotifError } from '../../src/shared/errors';
import { loadRatingsFile, loadTrainTestFiles } from '../../src/main/engine/recs/load-ratings';
import { detectRatingsFormat } from '../../src/main/engine/recs/movielens-format';
import { RatingsFileError } from '../../src/main/engine/recs/parse-error';
import { parseItems } from '../../src/main/engine/recs/parse-items';
import { parseRatings, parseTrainTest } from '../../src/main/engine/recs/parse-ratings';
import { FIVE_STARS, HALF_STARS } from '../../src/main/engine/recs/ratings';
import { splitCsvLine } from '../../src/main/engine/recs/csv';

const U_DATA = '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t377\t5\t881250950\n';
const RATINGS_CSV = 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,0.5,964982224\n';
const RATINGS_DAT = '1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n';

/** The error a parse throws, asserting it is a line-numbered invalid-input RatingsFileError. */
function errorOf(fn: () => unknown): RatingsFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RatingsFileError);
    expect(error).toBeInstanceOf(MotifError);
    expect((error as MotifError).kind).toBe('invalid-input');
    return error as RatingsFileError;
  }
  throw new Error('expected the parse to fail');
}

describe('rating file formats', () => {
  it('auto-detects and parses u.data', () => {
    const { format, data } = parseRatings(U_DATA, 'u.data');
    expect(format).toBe('u.data');
    expect(data.values.length).toBe(4);
    expect(data.userIds).toEqual(['196', '186', '22']);
    expect(data.itemIds).toEqual(['242', '302', '377']);
    expect(Array.from(data.users)).toEqual([0, 1, 2, 0]);
    expect(Array.from(data.items)).toEqual([0, 1, 2, 2]);
    expect(Array.from(data.values)).toEqual([3, 3, 1, 5]);
    expect(data.timestamps?.[3]).toBe(881250950);
    expect(data.scale).toEqual(FIVE_STARS);
  });

  it('auto-detects ratings.csv with its header and half stars', () => {
    const { format, data } = parseRatings(RATINGS_CSV, 'ratings.csv');
    expect(format).toBe('ratings.csv');
    expect(Array.from(data.values)).toEqual([4, 4.5, 0.5]);
    expect(data.scale).toEqual(HALF_STARS);
    expect(data.userIds).toEqual(['1', '2']);
  });

  it('reads csv columns by header name, in any order, timestamp optional', () => {
    const { data } = parseRatings('movieId,rating,userId\n10,3,7\n11,5,7\n', 'r.csv');
    expect(data.userIds).toEqual(['7']);
    expect(data.itemIds).toEqual(['10', '11']);
    expect(Array.from(data.values)).toEqual([3, 5]);
    expect(data.timestamps).toBeNull();
  });

  it('auto-detects ratings.dat', () => {
    const { format, data } = parseRatings(RATINGS_DAT, 'ratings.dat');
    expect(format).toBe('ratings.dat');
    expect(data.itemIds).toEqual(['1193', '661']);
    expect(Array.from(data.values)).toEqual([5, 3, 4]);
  });

  it('accepts bytes, CRLF line ends, a BOM and blank lines', () => {
    const text = '\ufeffuserId,movieId,rating,timestamp\r\n1,1,4,1\r\n\r\n2,1,3,2\r\n';
    const { data } = parseRatings(new TextEncoder().encode(text), 'ratings.csv');
    expect(Array.from(data.values)).toEqual([4, 3]);
  });

  it('takes an explicit scale and checks values against it', () => {
    const { data } = parseRatings('1\t1\t4\t0\n', 'u.data', { scale: HALF_STARS });
    expect(data.scale).toEqual(HALF_STARS);
    const e = errorOf(() => parseRatings('1\t1\t4\t0\n1\t2\t4.5\t0\n', 'u.data', { scale: FIVE_STARS }));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^u\.data:2: rating 4\.5 is outside the scale 1-5/);
  });

  it('rejects anything that is not a MovieLens rating file', () => {
    expect(errorOf(() => parseRatings('{"ratings": []}\n', 'x.json')).message).toMatch(
      /unrecognised layout.*u\.data.*ratings\.csv.*ratings\.dat/,
    );
    const e = errorOf(() => parseRatings('1,2,3,4\n', 'ratings.csv'));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/without a userId,movieId,rating header/);
    expect(errorOf(() => parseRatings('user,item\n1,2\n', 'r.csv')).message).toMatch(
      /not a MovieLens|without a userId/,
    );
    expect(detectRatingsFormat('\n\n1::2::3::4\n', 'f')).toBe('ratings.dat');
  });
});

describe('malformed rating files name the file and line, and return nothing', () => {
  const cases: { name: string; file: string; text: string; line: number; message: RegExp }[] = [
    {
      name: 'too few columns (u.data)',
      file: 'u.data',
      text: '1\t1\t5\t0\n1\t2\t3\n',
      line: 2,
      message: /expected 4 fields .* found 3/,
    },
    {
      name: 'too many columns (ratings.dat)',
      file: 'ratings.dat',
      text: '1::1::5::0\n\n1::2::3::0::9\n',
      line: 3,
      message: /expected 4 fields .* found 5/,
    },
    {
      name: 'wrong columns (ratings.csv)',
      file: 'ratings.csv',
      text: 'userId,movieId,rating,timestamp\n1,1,5,0\n1,2,3\n',
      line: 3,
      message: /expected 4 fields/,
    },
    {
      name: 'a rating that is not a number',
      file: 'u.data',
      text: '1\t1\t5\t0\n1\t2\tfive\t0\n',
      line: 2,
      message: /bad rating "five"/,
    },
    {
      name: 'a non-numeric user id',
      file: 'ratings.csv',
      text: 'userId,movieId,rating\n1,1,5\nbob,2,3\n',
      line: 3,
      message: /bad user id "bob"/,
    },
    { name: 'a non-numeric item id', file: 'ratings.dat', text: '1::x1::5::0\n', line: 1, message: /bad item id "x1"/ },
    {
      name: 'a bad timestamp',
      file: 'u.data',
      text: '1\t1\t5\t0\n2\t1\t5\tyesterday\n',
      line: 2,
      message: /bad timestamp "yesterday"/,
    },
    {
      name: 'a rating above the scale',
      file: 'u.data',
      text: '1\t1\t5\t0\n1\t2\t7\t0\n',
      line: 2,
      message: /rating 7 is outside the supported scales/,
    },
    {
      name: 'a zero rating',
      file: 'ratings.csv',
      text: 'userId,movieId,rating\n1,1,0\n',
      line: 2,
      message: /rating 0 is outside/,
    },
    {
      name: 'a rating off the half-star grid',
      file: 'u.data',
      text: '1\t1\t5\t0\n1\t2\t4.3\t0\n',
      line: 2,
      message: /rating 4\.3 is outside/,
    },
    {
      name: 'a duplicate (user, item) pair',
      file: 'u.data',
      text: '1\t1\t5\t0\n2\t1\t4\t0\n1\t2\t3\t0\n1\t1\t2\t0\n',
      line: 4,
      message: /duplicate rating: user 1 already rated item 1 on line 1/,
    },
    {
      name: 'an unterminated quote',
      file: 'ratings.csv',
      text: 'userId,movieId,rating\n1,"2,5\n',
      line: 2,
      message: /unterminated quoted field/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const e = errorOf(() => parseRatings(c.text, c.file));
      expect(e.file).toBe(c.file);
      expect(e.line).toBe(c.line);
      expect(e.message.startsWith(`${c.file}:${c.line}: `)).toBe(true);
      expect(e.message).toMatch(c.message);
    });
  }

  it('reports the earliest duplicate, not the first user checked', () => {
    const e = errorOf(() => parseRatings('2\t1\t5\t0\n1\t1\t5\t0\n1\t1\t4\t0\n2\t1\t3\t0\n', 'u.data'));
    expect(e.line).toBe(3);
  });

  it('an empty file', () => {
    for (const text of ['', '\n\n', '   \n']) {
      const e = errorOf(() => parseRatings(text, 'u.data'));
      expect(e.line).toBe(0);
      expect(e.message).toBe('u.data: the file is empty (no ratings)');
    }
  });

  it('a csv with a header and no ratings', () => {
    expect(errorOf(() => parseRatings('userId,movieId,rating,timestamp\n', 'ratings.csv')).message).toMatch(
      /header but no ratings/,
    );
  });
});

describe('train/test pairs', () => {
  it('share one index space and detect the scale over both', () => {
    const { train, test } = parseTrainTest(
      { input: '1\t1\t5\t0\n2\t2\t3\t0\n', file: 'a.base' },
      { input: '1\t2\t4\t0\n3\t1\t2\t0\n', file: 'a.test' },
    );
    expect(train.userIds).toBe(test.userIds);
    expect(test.userIds).toEqual(['1', '2', '3']);
    expect(Array.from(test.users)).toEqual([0, 2]);
    expect(Array.from(test.items)).toEqual([1, 0]);
  });

  it('reject a pair rated in both files at its test line', () => {
    const e = errorOf(() =>
      parseTrainTest({ input: '1\t1\t5\t0\n', file: 'a.base' }, { input: '2\t1\t4\t0\n1\t1\t4\t0\n', file: 'a.test' }),
    );
    expect(e.file).toBe('a.test');
    expect(e.line).toBe(2);
  });
});

describe('item files', () => {
  it('reads u.item as Latin-1 with genres', () => {
    const line = '543|Mis\u00e9rables, Les (1995)|01-Jan-1995||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n';
    const bytes = Uint8Array.from(line, (ch) => ch.charCodeAt(0)); // Latin-1: é is the single byte 0xE9
    expect(bytes.includes(0xe9)).toBe(true);
    const items = parseItems(bytes, 'u.item', 'u.data');
    expect(items.get('543')).toEqual({ id: '543', title: 'Misérables, Les (1995)', year: 1995, genres: ['Drama'] });
  });

  it('reads movies.csv with quoted titles holding commas and quotes', () => {
    const text =
      'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n11,"American President, The (1995)",Comedy|Drama|Romance\n12,"Dracula: ""Dead"" and Loving It (1995)",(no genres listed)\n';
    const items = parseItems(new TextEncoder().encode(text), 'movies.csv', 'ratings.csv');
    expect(items.get('11')?.title).toBe('American President, The (1995)');
    expect(items.get('11')?.genres).toEqual(['Comedy', 'Drama', 'Romance']);
    expect(items.get('12')?.title).toBe('Dracula: "Dead" and Loving It (1995)');
    expect(items.get('12')?.genres).toEqual([]);
  });

  it('reads movies.dat in UTF-8 or Latin-1', () => {
    const utf8 = parseItems(
      new TextEncoder().encode('1::Am\u00e9lie (2001)::Comedy|Romance\n'),
      'movies.dat',
      'ratings.dat',
    );
    expect(utf8.get('1')?.title).toBe('Amélie (2001)');
    const latin1 = parseItems(
      Uint8Array.from('1::Am\u00e9lie (2001)::Comedy', (ch) => ch.charCodeAt(0)),
      'movies.dat',
      'ratings.dat',
    );
    expect(latin1.get('1')?.title).toBe('Amélie (2001)');
  });

  it('errors name the line', () => {
    expect(errorOf(() => parseItems('1|A (1990)|x\n', 'u.item', 'u.data')).line).toBe(1);
    expect(
      errorOf(() => parseItems('movieId,title,genres\n1,A,B\n1,C,D\n', 'movies.csv', 'ratings.csv')).message,
    ).toMatch(/^movies\.csv:3: item 1 is listed twice/);
    expect(errorOf(() => parseItems('id,name\n', 'movies.csv', 'ratings.csv')).line).toBe(1);
  });
});

describe('csv splitting', () => {
  it('handles quotes, doubled quotes and empty fields', () => {
    expect(splitCsvLine('a,"b,c",,"d""e"')).toEqual(['a', 'b,c', '', 'd"e']);
    expect(splitCsvLine('"open,')).toBeNull();
    expect(splitCsvLine('')).toEqual(['']);
  });
});

describe('the file wrapper', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-recs-'));
    dirs.push(d);
    return d;
  };

  it('finds the item file beside the ratings', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'ratings.csv'), RATINGS_CSV);
    fs.writeFileSync(
      path.join(d, 'movies.csv'),
      'movieId,title,genres\n1,"Heat, The (1995)",Action\n3,X (2000),Drama\n',
    );
    const loaded = loadRatingsFile(path.join(d, 'ratings.csv'));
    expect(loaded.format).toBe('ratings.csv');
    expect(loaded.items?.get('1')?.title).toBe('Heat, The (1995)');
    expect(loadRatingsFile(path.join(d, 'ratings.csv'), { itemsFile: null }).items).toBeNull();
  });

  it('names the file in errors and reports missing files as not-found', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'u1.base'), '1\t1\t5\t0\n1\t1\t4\t0\n');
    fs.writeFileSync(path.join(d, 'u1.test'), '1\t2\t5\t0\n');
    const e = errorOf(() => loadTrainTestFiles(path.join(d, 'u1.base'), path.join(d, 'u1.test')));
    expect(e.message).toMatch(/^u1\.base:2: duplicate rating/);
    expect(() => loadRatingsFile(path.join(d, 'missing.csv'))).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });
});
