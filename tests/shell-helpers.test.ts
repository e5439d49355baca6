import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { midiFilesIn } from '../src/main/shell/open-files';
import { RecentFiles } from '../src/main/shell/recent-files';
import { tempDir } from './helpers/engine';

describe('desktop shell helpers', () => {
  it('finds MIDI files on a command line (file association, second launch)', () => {
    expect(midiFilesIn(['/opt/Motif/motif', '--flag', 'song.mid', '/abs/Tune.MIDI', 'notes.txt', '-x.mid'], '/home/ada')).toEqual([
      path.resolve('/home/ada', 'song.mid'),
      '/abs/Tune.MIDI',
    ]);
  });

  it('keeps a short, de-duplicated, newest-first recent list that survives restarts', () => {
    const dir = tempDir();
    const files = Array.from({ length: 12 }, (_, i) => {
      const f = path.join(dir, `t${i}.mid`);
      fs.writeFileSync(f, 'x');
      return f;
    });
    const store = path.join(dir, 'recent.json');
    const recent = new RecentFiles(store);
    for (const f of files) recent.add(f);
    recent.add(files[3]!);
    const reopened = new RecentFiles(store).list();
    expect(reopened).toHaveLength(10);
    expect(reopened[0]).toBe(files[3]);
    expect(new Set(reopened).size).toBe(10);
    fs.rmSync(files[11]!);
    expect(new RecentFiles(store).list()).not.toContain(files[11]);
    fs.writeFileSync(store, '{not json');
    expect(new RecentFiles(store).list()).toEqual([]);
  });
});
