import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  collectCorpusSource,
  corpusFromSources,
  decimal,
  parseCorpusSource,
  parseHiddenSizes,
  parseKey,
} from '../../src/main/cli/commands/melody-args';
import { tempDir } from '../helpers/engine';
import { motif } from './melody-cli';

describe('motif melody argument parsing', () => {
  it('reads keys as tonic pitch class and mode, with sharps, flats and either case', () => {
    expect(parseKey('C:major')).toEqual({ tonic: 0, mode: 'major' });
    expect(parseKey('F#:minor')).toEqual({ tonic: 6, mode: 'minor' });
    expect(parseKey('Bb:minor')).toEqual({ tonic: 10, mode: 'minor' });
    expect(parseKey('A:minor')).toEqual({ tonic: 9, mode: 'minor' });
    expect(parseKey('e:MAJOR')).toEqual({ tonic: 4, mode: 'major' });
    // Accidentals wrap around the octave.
    expect(parseKey('Cb:major')).toEqual({ tonic: 11, mode: 'major' });
    expect(parseKey('B#:major')).toEqual({ tonic: 0, mode: 'major' });
    expect(parseKey(' Eb:major ')).toEqual({ tonic: 3, mode: 'major' });
  });

  it.each(['', 'C', 'H:major', 'C:dorian', 'C#b:major', 'C major', 'C:', ':minor', 'Cbb:major', 'C##:minor'])(
    'refuses the key %j with a message that shows the format',
    (value) => {
      expect(() => parseKey(value)).toThrow(InvalidArgumentError);
      expect(() => parseKey(value)).toThrow(/C:major, F#:minor or Bb:minor/);
    },
  );

  it('reads --corpus as tags or folders and files resolved to absolute paths', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'folk'));
    fs.writeFileSync(path.join(dir, 'one.mid'), '');
    expect(parseCorpusSource('tag:folk')).toEqual({ kind: 'tag', tag: 'folk' });
    expect(parseCorpusSource('tag: jigs and reels ')).toEqual({ kind: 'tag', tag: 'jigs and reels' });
    expect(parseCorpusSource('folk', dir)).toEqual({ kind: 'path', path: path.join(dir, 'folk') });
    expect(parseCorpusSource(path.join(dir, 'one.mid'))).toEqual({ kind: 'path', path: path.join(dir, 'one.mid') });
    expect(() => parseCorpusSource('tag:')).toThrow(/tag name after "tag:"/);
    expect(() => parseCorpusSource(`tag:${'x'.repeat(81)}`)).toThrow(/at most 80/);
    expect(() => parseCorpusSource('nowhere', dir)).toThrow(InvalidArgumentError);
    expect(() => parseCorpusSource('nowhere', dir)).toThrow(
      `there is no folder or file at ${path.join(dir, 'nowhere')}`,
    );
  });

  it('collects repeated --corpus values into one selection without duplicates; none selects the library', () => {
    const dir = tempDir();
    let sources = collectCorpusSource(dir, undefined);
    sources = collectCorpusSource('tag:folk', sources);
    sources = collectCorpusSource(dir, sources);
    sources = collectCorpusSource('tag:reels', sources);
    sources = collectCorpusSource('tag:folk', sources);
    expect(sources).toHaveLength(5);
    expect(corpusFromSources(sources)).toEqual({ paths: [dir], tags: ['folk', 'reels'] });
    expect(corpusFromSources([{ kind: 'tag', tag: 'folk' }])).toEqual({ tags: ['folk'] });
    expect(corpusFromSources([])).toEqual({});
  });

  it('reads --hidden as 1 to 4 layer sizes from 2 to 1024', () => {
    expect(parseHiddenSizes('128,128')).toEqual([128, 128]);
    expect(parseHiddenSizes('16')).toEqual([16]);
    expect(parseHiddenSizes(' 64 , 32 ,2,1024')).toEqual([64, 32, 2, 1024]);
    for (const bad of ['', '1', '1025', '128,,128', '8,8,8,8,8', 'big', '12.5', '-16', '128,']) {
      expect(() => parseHiddenSizes(bad), bad).toThrow(/1 to 4 comma-separated layer sizes/);
    }
  });

  it('reads bounded decimals, inclusive or exclusive at the bottom', () => {
    const temperature = decimal(0, 2);
    expect(temperature('0')).toBe(0);
    expect(temperature('1.25')).toBe(1.25);
    expect(temperature('2')).toBe(2);
    for (const bad of ['', ' ', '-0.1', '2.01', 'warm', 'NaN', 'Infinity'])
      expect(() => temperature(bad), bad).toThrow(/from 0 to 2/);
    const topP = decimal(0, 1, { exclusiveMin: true });
    expect(topP('0.9')).toBe(0.9);
    expect(topP('1')).toBe(1);
    expect(() => topP('0')).toThrow(/above 0 up to 1/);
  });

  it('reports bad melody arguments through the CLI parser with a non-zero exit, before opening anything', async () => {
    const dataDir = tempDir();
    const [key, corpus, hidden, mode, out, unseeded] = await Promise.all([
      motif(['--data-dir', dataDir, 'melody', 'generate', '--key', 'H:major', '--out', dataDir]),
      motif(['--data-dir', dataDir, 'melody', 'train', '--corpus', path.join(dataDir, 'absent')]),
      motif(['--data-dir', dataDir, 'melody', 'train', '--hidden', '128,x']),
      motif(['--data-dir', dataDir, 'melody', 'generate', '--mode', 'infill', '--out', dataDir]),
      motif(['--data-dir', dataDir, 'melody', 'generate']),
      motif(['--data-dir', dataDir, 'melody', 'generate', '--mode', 'continue', '--out', dataDir]),
    ]);
    for (const run of [key, corpus, hidden, mode, out, unseeded]) expect(run.code).not.toBe(0);
    expect(key.stderr).toMatch(/option '--key <key>' argument 'H:major' is invalid\. expected a key like C:major/);
    expect(corpus.stderr).toMatch(/there is no folder or file at/);
    expect(hidden.stderr).toMatch(/comma-separated layer sizes/);
    expect(mode.stderr).toMatch(/Allowed choices are continue, generate/);
    expect(out.stderr).toMatch(/required option '--out <dir>' not specified/);
    expect(unseeded.stderr).toBe('motif: Continuing needs a seed: give --seed FILE.mid, or --mode generate.\n');
    // Nothing was opened: the data dir has no catalogue yet.
    expect(fs.existsSync(path.join(dataDir, 'motif.sqlite'))).toBe(false);
  });
});
