import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/shared/jobs';
import type { ModelVersion } from '../../src/shared/models';
import { tempDir, until } from '../helpers/engine';
import { json, motif, startMotif, writeTunes } from './melody-cli';

describe('motif melody failures and cancel', { timeout: 180_000 }, () => {
  it('says when there is nothing to train on or generate with, and Ctrl+C cancels training', async () => {
    const dataDir = tempDir();
    const data = ['--data-dir', dataDir];
    const [empty, noModel] = await Promise.all([
      motif([...data, '--json', 'melody', 'train', '--corpus', tempDir()]),
      motif([...data, 'melody', 'generate', '--out', tempDir()]),
    ]);
    expect(empty.code).toBe(1);
    expect(json(empty)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/no MIDI files in that corpus/) },
    });
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/^motif: There is no melody model yet\. Train one with `motif melody train`\./);

    const corpusDir = tempDir('motif-tunes-');
    writeTunes(corpusDir, 12);
    const training = startMotif([
      ...data,
      'melody',
      'train',
      '--corpus',
      corpusDir,
      ...'--epochs 1000 --hidden 16'.split(' '),
    ]);
    let stderr = '';
    training.child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    await until(() => /Epoch \d+ of 1000/.test(stderr), 60_000, 'training to report an epoch');
    training.child.kill('SIGINT');
    const run = await training.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/Cancelling the training/);
    expect(run.stdout).toMatch(/^Training cancelled\.$/m);
    const jobs = json<JobRecord[]>(await motif([...data, '--json', 'jobs']));
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([['melody-train', 'cancelled']]);
    expect(json<ModelVersion[]>(await motif([...data, '--json', 'melody', 'models']))).toEqual([]);
  });
});
