import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/shared/catalogue';
import type { JobRecord } from '../../src/shared/jobs';
import type { MelodyCorpusSummary } from '../../src/shared/melody';
import { tempDir } from '../helpers/engine';
import { json, motif, writeTunes } from './melody-cli';

describe('motif melody import', () => {
  it('imports a folder, counting its MIDI files and reporting each file it skipped and why', async () => {
    const dataDir = tempDir();
    const folder = tempDir('motif-mixed-');
    writeTunes(folder, 3);
    fs.writeFileSync(path.join(folder, 'broken.mid'), 'this is not a MIDI file');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'liner notes');
    const run = await motif(['--data-dir', dataDir, '--json', 'melody', 'import', folder]);
    expect(run.code, run.stderr).toBe(0);
    const result = json<{ job: JobRecord; midiFiles: number; report: ImportReport; corpus: MelodyCorpusSummary }>(run);
    expect(result.job).toMatchObject({ kind: 'library-import', state: 'done' });
    expect(result.midiFiles).toBe(4);
    expect(result.report).toMatchObject({ imported: 3, skippedCount: 2 });
    const reasons = Object.fromEntries(result.report.skipped.map((s) => [path.basename(s.path), s.reason]));
    expect(reasons['notes.txt']).toMatch(/not a media type/);
    expect(reasons['broken.mid']).toBeTruthy();
    expect(result.corpus).toMatchObject({ files: 4, heldOut: 0 });

    const again = await motif(['--data-dir', dataDir, 'melody', 'import', folder]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`4 MIDI files in ${folder}.`);
    expect(again.stdout).toMatch(
      /Imported 0, updated 0, relinked 0, unchanged 3, newly missing 0, skipped 2 \(1 MIDI, 1 other\)\./,
    );
    expect(again.stdout).toMatch(/skipped .*broken\.mid: /);
    expect(again.stderr).toMatch(/100%/);
  });
});
