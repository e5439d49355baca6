/**
 * `motif stills …` end to end in child processes over one data directory: import a generated
 * shot-scale set, train a transfer head, eval, classify a folder, export; Ctrl+C cancels a
 * classification. Needs the shared MobileNet (skipped with a message when absent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/shared/jobs';
import type { StillsClassifyReport, StillsImportReport, StillsModelDetails } from '../../src/shared/stills';
import { tempDir, until } from '../helpers/engine';
import { referencePath } from '../helpers/reference';
import { writeShotScaleSet } from '../stills/shot-scale-set';
import { json, motif, startMotif } from './melody-cli';

const mobilenet = referencePath('models', 'mobilenet_v1_0.75_224');

describe.skipIf(!mobilenet)('motif stills import, train, eval, classify and export', { timeout: 300_000 }, () => {
  const dataDir = tempDir('motif-stills-cli-');
  const data = ['--data-dir', dataDir];
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ backbone: { path: mobilenet } }));

  it('runs the whole loop with --json and prints people-readable summaries without it', async () => {
    const set = tempDir('motif-stills-cli-set-');
    await writeShotScaleSet(set, { perClass: 6, seed: 4, films: 3 });
    const imported = await motif([...data, '--json', 'stills', 'import', set, '--name', 'Scales']);
    expect(imported.code, imported.stderr).toBe(0);
    const { report } = json<{ job: JobRecord; report: StillsImportReport }>(imported);
    expect(report).toMatchObject({ name: 'Scales', imported: 30 });
    expect(report.classes).toHaveLength(5);

    const trained = await motif([...data, 'stills', 'train', 'scales', '--epochs', '20', '--name', 'Scale head']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(
      /Training a transfer-learning head on "Scales" \(30 stills, 5 classes\) as job #\d+/,
    );
    expect(trained.stdout).toMatch(/^Model #(\d+) "Scale head" \(transfer on mobilenet/);
    expect(trained.stdout).toMatch(/^Confusion matrix \(rows: true class, columns: predicted\)$/m);
    const modelId = Number(/^Model #(\d+)/.exec(trained.stdout)?.[1]);

    const evaluated = await motif([...data, '--json', 'stills', 'eval']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const details = json<StillsModelDetails>(evaluated);
    expect(details).toMatchObject({
      id: modelId,
      name: 'Scale head',
      architecture: 'transfer',
      classes: expect.any(Array),
    });
    expect(details.evaluation.confusion).toHaveLength(5);
    const human = await motif([...data, 'stills', 'eval', '--model', String(modelId)]);
    expect(human.stdout).toMatch(/^Accuracy +\d+\.\d%/m);
    expect(human.stdout).toMatch(/^Calibration: ECE \d\.\d{3}, Brier \d\.\d{3}$/m);
    expect(human.stdout).toMatch(/^CLASS +PRECISION +RECALL +F1 +SUPPORT$/m);
    expect(human.stdout).toMatch(/^true \\ predicted( +\S+)+$/m);
    // Shot-scale folders are recognised as ordered: the table and the matrix read closest first.
    expect(human.stdout).toMatch(/^±1 class +\d+\.\d% +\(order: extreme close-up < close-up < medium < long < extreme long\)$/m);
    expect(human.stdout).toMatch(/^Probe +\d+\.\d% +\(a linear probe on the same features: the floor\)$/m);
    expect(human.stdout).toMatch(/^true \\ predicted +extreme close-up +close-up +medium +long +extreme long$/m);

    const stills = tempDir('motif-stills-cli-use-');
    await writeShotScaleSet(stills, { perClass: 2, seed: 9, films: 2 });
    fs.writeFileSync(path.join(stills, 'close-up', 'film00_broken.jpg'), 'not a jpeg');
    const classified = await motif([...data, '--json', 'stills', 'classify', stills, '--model', String(modelId)]);
    expect(classified.code, classified.stderr).toBe(0);
    const result = json<{ job: JobRecord; report: StillsClassifyReport }>(classified);
    expect(result.job).toMatchObject({ kind: 'stills-classify', state: 'done' });
    expect(result.report).toMatchObject({ modelId, seen: 11, classified: 10 });
    expect(result.report.skipped.map((s) => path.basename(s.path))).toEqual(['film00_broken.jpg']);
    // Progress stays off stderr with --json.
    expect(classified.stderr).not.toMatch(/of 10 stills/);
    const again = await motif([...data, 'stills', 'classify', stills, '--model', String(modelId)]);
    expect(again.stdout).toMatch(
      new RegExp(`^Model #${modelId} "Scale head" tagged 10 stills of 11.*; 1 skipped\\.$`, 'm'),
    );
    const listed = await motif([...data, '--json', 'library', 'list', '--kind', 'image', '--limit', '100']);
    const { items } = json<{ items: Array<{ predictedTags?: Array<{ modelId: number }> }> }>(listed);
    expect(items.filter((i) => i.predictedTags?.[0]?.modelId === modelId)).toHaveLength(10);
    // The labels are listed closest shot first, and the Library finds the stills by their label.
    const labels = /^LABEL +STILLS\n((?:.+\n)+?)Find them/m.exec(again.stdout)?.[1]?.trim().split('\n');
    expect(labels?.filter((line) => !line.trim().startsWith('skipped')).map((line) => line.replace(/ +\d+$/, ''))).toEqual(['extreme close-up', 'close-up', 'medium', 'long', 'extreme long']);
    expect(again.stdout).toMatch(/^Find them in the Library by tag, or: motif library list --tag "<label>"$/m);
    const top = [...result.report.counts].sort((a, b) => b.count - a.count)[0] as { label: string; count: number };
    const tagged = await motif([...data, '--json', 'library', 'list', '--tag', top.label.toUpperCase()]);
    expect(json<{ total: number }>(tagged).total).toBe(top.count);
    const both = await motif([...data, 'library', 'list', '--tag', top.label, '--tag', 'no such tag']);
    expect(both.stdout.trim()).toBe(`Nothing matches tag "${top.label}" and tag "no such tag".`);

    const out = path.join(tempDir('motif-stills-cli-export-'), 'scale-head');
    const exported = await motif([...data, 'stills', 'export', '--model', String(modelId), '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(new RegExp(`^Model #${modelId} "Scale head" written to `));
    for (const file of ['model.json', 'labels.json', 'manifest.json'])
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);

    const missing = await motif([...data, '--json', 'stills', 'classify', stills, '--model', '999']);
    expect(missing.code).toBe(1);
    expect(json(missing)).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: expect.stringMatching(/no stills model #999/) },
    });
  });

  it('Ctrl+C cancels a classification and keeps the tags written so far', async () => {
    const many = tempDir('motif-stills-cli-many-');
    await writeShotScaleSet(many, { perClass: 10, seed: 12, films: 3, width: 160, height: 90 });
    const details = json<StillsModelDetails>(await motif([...data, '--json', 'stills', 'eval']));
    const run = startMotif([...data, 'stills', 'classify', many, '--model', String(details.id)]);
    let stderr = '';
    run.child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    await until(() => /\d+ of 50 stills/.test(stderr), 240_000, 'classification progress').catch((error: unknown) => {
      throw new Error(`${String(error)}; stderr so far:\n${stderr}`);
    });
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(done.stderr).toMatch(/Cancelling the classification/);
    expect(done.stdout).toMatch(/^Classification cancelled\.$/m);
    const jobs = json<JobRecord[]>(await motif([...data, '--json', 'jobs', '--limit', '1']));
    expect(jobs[0]).toMatchObject({ kind: 'stills-classify', state: 'cancelled' });
    const listed = json<{ items: Array<{ path: string; predictedTags?: Array<{ modelId: number }> }> }>(
      await motif([...data, '--json', 'library', 'list', '--kind', 'image', '--limit', '1000']),
    );
    const tagged = listed.items.filter(
      (i) => i.path.startsWith(fs.realpathSync(many)) && i.predictedTags?.[0]?.modelId === details.id,
    );
    expect(tagged.length).toBeGreaterThanOrEqual(32);
    expect(tagged.length).toBeLessThan(50);
  });
});
