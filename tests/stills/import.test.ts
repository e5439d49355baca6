import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/main/engine/catalogue/catalogue';
import { CATALOGUE_FILE } from '../../src/main/engine/paths';
import { groupKeys, prefixOf } from '../../src/main/engine/stills/group-key';
import { runStillsImport } from '../../src/main/engine/stills/import-runner';
import type { JobContext } from '../../src/main/engine/worker/context';
import type { JobProgress } from '../../src/shared/jobs';
import type { StillsImportReport } from '../../src/shared/stills';
import { figure, figureBmp, tempDirs, writeFile } from './fixtures';

const temp = tempDirs();
const tempDir = (prefix?: string): string => temp.make(prefix);
afterEach(() => temp.cleanup());

function context(dataDir: string, progress: JobProgress[] = [], signal = new AbortController().signal): JobContext {
  return {
    jobId: 1,
    dataDir,
    signal,
    progress: (p) => progress.push(p),
    ml: () => Promise.reject(new Error('not needed')),
  };
}

async function importOnce(
  root: string,
  dataDir: string,
  name?: string,
): Promise<StillsImportReport & { skippedCount: number }> {
  const outcome = await runStillsImport({ root, ...(name ? { name } : {}) }, context(dataDir));
  return outcome.summary as unknown as StillsImportReport & { skippedCount: number };
}

/** close/ and long/ figures from two films, plus broken and foreign files. */
async function makeDataset(root: string): Promise<void> {
  writeFile(root, 'close/filmA_0001.jpg', await figure('jpeg', 320, 180, 0.95));
  writeFile(root, 'close/filmA_0002.png', await figure('png', 400, 200, 0.9));
  writeFile(root, 'close/filmB_0001.webp', await figure('webp', 320, 180, 0.92));
  writeFile(root, 'long/filmA_0003.gif', await figure('gif', 320, 180, 0.2));
  writeFile(root, 'long/filmB_0002.bmp', await figureBmp(160, 90, 0.25));
  writeFile(root, 'long/filmB_0003.tiff', await figure('tiff', 320, 180, 0.15));
  // The same bytes as close/filmA_0001.jpg, under another label.
  fs.copyFileSync(path.join(root, 'close/filmA_0001.jpg'), path.join(root, 'long/filmC_0009.jpg'));
  writeFile(root, 'long/filmB_0004.jpg', Buffer.alloc(0));
  const good = await figure('jpeg', 320, 180, 0.5);
  writeFile(root, 'long/filmB_0005.jpg', good.subarray(0, Math.floor(good.length / 3)));
  writeFile(root, 'close/filmB_0006.png', Buffer.from('not a png at all'.repeat(10)));
  writeFile(root, 'close/notes.txt', 'shot list');
  writeFile(root, 'stray_0001.jpg', good);
}

describe('group keys from file names', () => {
  it('takes a consistent prefix before a frame number, and nothing when names do not agree', () => {
    expect(prefixOf('/x/filmA_0001.jpg')).toBe('filmA');
    expect(prefixOf('/x/The Film - 12.png')).toBe('The Film');
    expect(prefixOf('/x/0001.jpg')).toBeNull();
    expect(groupKeys(['a/filmA_1.jpg', 'a/filmA_2.jpg', 'b/filmB_1.jpg']).pattern).toBe('prefix');
    // One file without a prefix breaks the pattern; one group only, or one group per file, means nothing.
    expect(groupKeys(['a/filmA_1.jpg', 'a/filmA_2.jpg', 'b/shot.jpg']).pattern).toBeNull();
    expect(groupKeys(['a/filmA_1.jpg', 'a/filmA_2.jpg']).pattern).toBeNull();
    expect(groupKeys(['a/x_1.jpg', 'a/y_1.jpg']).pattern).toBeNull();
  });

  it('keeps digits that belong to the film: IMDb ids, numbered films, underscores inside titles', () => {
    expect(prefixOf('/x/film05_0073.jpg')).toBe('film05');
    expect(prefixOf('/x/tt0052357_0042.jpg')).toBe('tt0052357');
    expect(prefixOf('/x/north_by_northwest_0042.jpg')).toBe('north_by_northwest');
    expect(prefixOf('/x/shot_12_0001.jpg')).toBe('shot_12');
    expect(groupKeys(['a/tt01_1.jpg', 'a/tt01_2.jpg', 'b/tt02_1.jpg']).keys.get('b/tt02_1.jpg')).toBe('tt02');
  });

  it('takes a film subfolder inside each class folder as the group before any prefix', () => {
    const files = [
      '/d/close/Vertigo/0001.jpg',
      '/d/close/Vertigo/0002.jpg',
      '/d/long/Psycho/a_1.jpg',
      '/d/long/Vertigo/b_7.jpg',
    ];
    const folders = groupKeys(files, (file) => path.join('/d', file.split('/')[2] as string));
    expect(folders.pattern).toBe('folder');
    expect(files.map((f) => folders.keys.get(f))).toEqual(['Vertigo', 'Vertigo', 'Psycho', 'Vertigo']);
    // A still directly in its class folder breaks the folder pattern (then prefixes are tried).
    const mixed = [...files, '/d/long/c_1.jpg'];
    expect(groupKeys(mixed, (file) => path.join('/d', file.split('/')[2] as string)).pattern).not.toBe('folder');
  });
});

describe('stills dataset import', () => {
  it('imports class folders in place with labels and group keys, reports each skip and every duplicate, and re-imports incrementally', async () => {
    const root = tempDir('motif-stills-set-');
    const dataDir = tempDir('motif-stills-data-');
    await makeDataset(root);
    const progress: JobProgress[] = [];
    const first = (await runStillsImport({ root, name: 'Shot scale' }, context(dataDir, progress)))
      .summary as unknown as StillsImportReport & { skippedCount: number };

    expect(first).toMatchObject({
      name: 'Shot scale',
      root,
      imported: 7,
      unchanged: 0,
      removed: 0,
      groupPattern: 'prefix',
    });
    expect(first.classes).toEqual([
      { label: 'close', count: 3 },
      { label: 'long', count: 4 },
    ]);
    const reasons = Object.fromEntries(first.skipped.map((s) => [path.relative(root, s.path), s.problem]));
    expect(reasons).toEqual({
      'stray_0001.jpg': 'outside-class-folder',
      'long/filmB_0004.jpg': 'empty',
      'long/filmB_0005.jpg': 'corrupt',
      'close/filmB_0006.png': 'unsupported',
      'close/notes.txt': 'unsupported',
    });
    for (const s of first.skipped) expect(s.reason).not.toBe('');
    expect(first.duplicates).toHaveLength(1);
    expect(first.duplicates[0]?.crossLabel).toBe(true);
    expect(first.duplicates[0]?.files.map((f) => `${f.label}:${path.basename(f.path)}`).sort()).toEqual([
      'close:filmA_0001.jpg',
      'long:filmC_0009.jpg',
    ]);
    expect(progress.at(-1)?.fraction).toBe(1);

    const catalogue = Catalogue.open(path.join(dataDir, CATALOGUE_FILE));
    try {
      const [dataset] = catalogue.stills.list();
      expect(dataset).toMatchObject({ name: 'Shot scale', items: 7, groups: 3 });
      const members = catalogue.stills.members(dataset!.id);
      const bmp = members.find((m) => m.path?.endsWith('filmB_0002.bmp'));
      expect(bmp).toMatchObject({ label: 'long', groupKey: 'filmB' });
      expect(catalogue.media.get(bmp!.itemId)?.metadata).toMatchObject({ width: 160, height: 90, format: 'bmp' });
      expect(catalogue.stats().itemsByKind.image).toBe(7);
    } finally {
      catalogue.close();
    }

    // Unchanged folder: nothing re-read. Then one file removed, one added, one changed.
    const second = await importOnce(root, dataDir);
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 7, removed: 0, datasetId: first.datasetId });
    fs.rmSync(path.join(root, 'long/filmB_0003.tiff'));
    writeFile(root, 'close/filmC_0001.jpg', await figure('jpeg', 300, 300, 0.97));
    const changed = path.join(root, 'close/filmB_0001.webp');
    fs.writeFileSync(changed, await figure('webp', 330, 180, 0.85));
    fs.utimesSync(changed, new Date(), new Date(Date.now() + 5000));
    const third = await importOnce(root, dataDir);
    expect(third).toMatchObject({ imported: 1, updated: 1, unchanged: 5, removed: 1 });
    expect(third.classes).toEqual([
      { label: 'close', count: 4 },
      { label: 'long', count: 3 },
    ]);
  }, 30_000);

  it('refuses a second dataset with the same name from another folder, and a missing folder', async () => {
    const dataDir = tempDir('motif-stills-data-');
    const a = tempDir('motif-stills-a-');
    const b = tempDir('motif-stills-b-');
    writeFile(a, 'x/one.png', await figure('png', 64, 64, 0.5));
    writeFile(b, 'x/one.png', await figure('png', 64, 64, 0.6));
    await importOnce(a, dataDir, 'Set');
    await expect(importOnce(b, dataDir, 'set')).rejects.toMatchObject({ kind: 'conflict' });
    await expect(importOnce(path.join(a, 'nope'), dataDir)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('cancelling keeps what was catalogued and leaves the dataset as it was', async () => {
    const dataDir = tempDir('motif-stills-data-');
    const root = tempDir('motif-stills-set-');
    for (let i = 0; i < 6; i++) writeFile(root, `c/f_${i}.png`, await figure('png', 64, 64, 0.3 + i * 0.1));
    const controller = new AbortController();
    const progress: JobProgress[] = [];
    const ctx = context(dataDir, progress, controller.signal);
    ctx.progress = (p) => {
      progress.push(p);
      if (p.stage === 'importing' && p.message.startsWith('File 3')) controller.abort();
    };
    await expect(runStillsImport({ root }, ctx)).rejects.toMatchObject({ kind: 'cancelled' });
    const catalogue = Catalogue.open(path.join(dataDir, CATALOGUE_FILE));
    try {
      expect(catalogue.stills.list()[0]?.items).toBe(0);
      // Cancelled while on file 3: that file finishes, the other three are not read.
      expect(catalogue.stats().itemsByKind.image).toBe(3);
    } finally {
      catalogue.close();
    }
  });
});
