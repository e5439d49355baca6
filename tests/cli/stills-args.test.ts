import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  confusionText,
  describeClassify,
  describeDatasetImport,
  describeStillsEvaluation,
  findDataset,
  perClassText,
} from '../../src/main/cli/commands/stills-format';
import type { StillsDataset, StillsImportReport, StillsModelDetails } from '../../src/shared/stills';
import { tempDir } from '../helpers/engine';
import { json, motif } from './melody-cli';
import { writeShotScaleSet } from '../stills/shot-scale-set';

const dataset = (id: number, name: string): StillsDataset => ({
  id,
  name,
  root: `/stills/${name}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  items: 10,
  classes: [],
  groups: 0,
  classOrder: null,
  extraClasses: [],
  reviewed: 0,
});

const details: StillsModelDetails = {
  id: 3,
  name: 'Shot scale',
  createdAt: '2026-01-01T00:00:00.000Z',
  datasetId: 1,
  datasetName: 'scales',
  architecture: 'transfer',
  aspect: 'crop',
  backboneId: 'mobilenet@abc',
  classes: ['close-up', 'medium', 'long'],
  accuracy: 0.8,
  withinOne: 0.95,
  macroF1: 0.79,
  linearProbe: 0.7,
  origin: 'trained',
  path: 'models/3',
  params: {},
  history: [],
  trainSeconds: 65,
  evaluation: {
    classes: ['close-up', 'medium', 'long'],
    order: ['close-up', 'medium', 'long'],
    accuracy: 0.8,
    withinOne: 0.95,
    macroF1: 0.79,
    perClass: [
      { label: 'close-up', precision: 0.9, recall: 0.9, f1: 0.9, support: 10 },
      { label: 'medium', precision: 0.7, recall: 0.7, f1: 0.7, support: 10 },
      { label: 'long', precision: 0.8, recall: 0.8, f1: 0.8, support: 10 },
    ],
    confusion: [
      [9, 1, 0],
      [2, 7, 1],
      [0, 2, 8],
    ],
    calibration: { ece: 0.0421, brier: 0.3, bins: [] },
    trainCount: 120,
    validationCount: 30,
    splitBy: 'group',
    baselines: { majority: 0.34, chance: 1 / 3 },
  },
};

describe('motif stills: arguments and output', () => {
  it('finds a dataset by id or by name, case-insensitively', () => {
    const all = [dataset(1, 'Scales'), dataset(2, 'Night'), dataset(12, '7')];
    expect(findDataset(all, '2')?.name).toBe('Night');
    expect(findDataset(all, ' scales ')?.id).toBe(1);
    expect(findDataset(all, 'NIGHT')?.id).toBe(2);
    // A numeric name is found by name when no dataset has that id.
    expect(findDataset(all, '7')?.id).toBe(12);
    expect(findDataset(all, '99')).toBeNull();
    expect(findDataset(all, 'day')).toBeNull();
  });

  it('prints the evaluation: headline numbers, per-class table, confusion matrix by true class, calibration', () => {
    const text = describeStillsEvaluation(details);
    expect(text).toMatch(
      /^Model #3 "Shot scale" \(transfer on mobilenet@abc, crop\), dataset scales: 120 training stills, 30 validation stills held out by group, trained in 1m 05s/,
    );
    expect(text).toMatch(/Accuracy {3}80\.0% {3}\(majority class 34\.0%, chance 33\.3%\)/);
    expect(text).toMatch(/±1 class {3}95\.0% {3}\(order: close-up < medium < long\)/);
    expect(text).toMatch(/Probe {6}70\.0% {3}\(a linear probe on the same features: the floor\)/);
    expect(text).toMatch(/Macro-F1 {3}0\.790/);
    expect(text).toMatch(/ECE 0\.042, Brier 0\.300/);
    expect(perClassText(details.evaluation).split('\n')).toEqual([
      'CLASS     PRECISION  RECALL  F1     SUPPORT',
      'close-up  0.900      0.900   0.900  10',
      'medium    0.700      0.700   0.700  10',
      'long      0.800      0.800   0.800  10',
    ]);
    expect(confusionText(details.evaluation).split('\n')).toEqual([
      'true \\ predicted  close-up  medium  long',
      'close-up                 9       1     0',
      'medium                   2       7     1',
      'long                     0       2     8',
    ]);
    const unordered = describeStillsEvaluation({
      ...details,
      linearProbe: null,
      evaluation: { ...details.evaluation, withinOne: null },
    });
    expect(unordered).toMatch(/±1 class {3}— \(the classes are not ordered\)/);
    expect(unordered).not.toMatch(/Probe/);
  });

  it('lists ordered classes in their order, not alphabetically, in the per-class table and the confusion matrix', () => {
    // Classes come alphabetically from the folders; the shot-scale order puts close-up first.
    const evaluation = {
      ...details.evaluation,
      classes: ['close-up', 'long', 'medium'],
      order: ['close-up', 'medium', 'long'],
      perClass: [...details.evaluation.perClass].sort((a, b) => a.label.localeCompare(b.label)),
      // counts[true][predicted] in `classes` order: close-up, long, medium.
      confusion: [
        [9, 0, 1],
        [0, 8, 2],
        [2, 1, 7],
      ],
    };
    expect(perClassText(evaluation).split('\n').map((line) => line.split(' ')[0])).toEqual(['CLASS', 'close-up', 'medium', 'long']);
    expect(confusionText(evaluation).split('\n')).toEqual([
      'true \\ predicted  close-up  medium  long',
      'close-up                 9       1     0',
      'medium                   2       7     1',
      'long                     0       2     8',
    ]);
    // Unordered classes keep the evaluation's own order.
    expect(confusionText({ ...evaluation, order: null }).split('\n')[0]).toBe('true \\ predicted  close-up  long  medium');
  });

  it('summarises a classification with per-label counts, unsure stills and skipped files', () => {
    const text = describeClassify(
      {
        modelId: 3,
        seen: 5,
        classified: 4,
        unsure: 1,
        skipped: [{ path: '/x/broken.jpg', reason: 'broken.jpg: damaged or truncated image' }],
        counts: [
          { label: 'close-up', count: 3 },
          { label: 'long', count: 1 },
        ],
      },
      { id: 3, name: 'Shot scale' },
    );
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Model #3 "Shot scale" tagged 4 stills of 5 (1 unsure, below 50% confidence); 1 skipped.',
      'LABEL     STILLS',
      'close-up  3',
      'long      1',
      '  skipped /x/broken.jpg: broken.jpg: damaged or truncated image',
    ]);
  });

  it(
    'refuses bad stills arguments through the CLI parser and reports missing folders as typed JSON errors',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      const data = ['--data-dir', dataDir];
      const [both, noModel, badEpochs, noFolder, help] = await Promise.all([
        motif([...data, 'stills', 'train', 'scales', '--scratch', '--backbone', dataDir]),
        motif([...data, 'stills', 'classify', dataDir]),
        motif([...data, 'stills', 'train', 'scales', '--epochs', '0']),
        motif([...data, '--json', 'stills', 'classify', path.join(dataDir, 'absent'), '--model', '1']),
        motif(['stills', '--help']),
      ]);
      expect(both.code).not.toBe(0);
      expect(both.stderr).toMatch(/option '--scratch' cannot be used with option '--backbone <dir>'/);
      expect(noModel.code).not.toBe(0);
      expect(noModel.stderr).toMatch(/required option '--model <id>' not specified/);
      expect(badEpochs.code).not.toBe(0);
      expect(badEpochs.stderr).toMatch(/expected an integer from 1 to 1000/);
      expect(noFolder.code).toBe(1);
      expect(json(noFolder)).toEqual({
        ok: false,
        error: { kind: 'invalid-input', message: `There is no folder at ${path.join(dataDir, 'absent')}.` },
      });
      expect(help.code).toBe(0);
      for (const command of ['import', 'train', 'eval', 'classify', 'export'])
        expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    },
  );

  it('summarises an import: counts, classes in their order when ordered, groups, duplicates and skipped files', () => {
    const report: StillsImportReport = {
      datasetId: 2,
      name: 'Scales',
      root: '/stills',
      seen: 8,
      imported: 7,
      updated: 0,
      unchanged: 0,
      removed: 0,
      skipped: [{ path: '/stills/long/x.jpg', problem: 'corrupt', reason: 'x.jpg: damaged or truncated image' }],
      duplicates: [
        {
          contentHash: 'ab',
          files: [
            { path: '/stills/long/a.jpg', label: 'long' },
            { path: '/stills/medium/a.jpg', label: 'medium' },
          ],
          crossLabel: true,
        },
      ],
      groupPattern: 'prefix',
      classes: [
        { label: 'close-up', count: 3 },
        { label: 'long', count: 2 },
        { label: 'medium', count: 2 },
      ],
    };
    const ordered = describeDatasetImport(report, ['close-up', 'medium', 'long']).split('\n');
    expect(ordered).toEqual([
      'Dataset #2 "Scales" from /stills: 8 stills looked at; imported 7, updated 0, unchanged 0, removed 0, skipped 1.',
      'Classes, in order (±1-class accuracy is reported): close-up 3 < medium 2 < long 2',
      'Groups: file-name prefixes (e.g. filmA_0001.jpg → filmA); validation holds out whole groups.',
      '1 set of identical files, 1 of them under different labels.',
      '  same bytes, different labels: /stills/long/a.jpg (long), /stills/medium/a.jpg (medium)',
      '  skipped /stills/long/x.jpg: x.jpg: damaged or truncated image',
    ]);
    expect(describeDatasetImport(report).split('\n')[1]).toBe('Classes: close-up 3, long 2, medium 2');
  });

  it('without a backbone, says how to give one from the command line or train from scratch', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const set = tempDir('motif-stills-cli-nobackbone-');
    await writeShotScaleSet(set, { perClass: 2, seed: 5, films: 2 });
    const imported = await motif(['--data-dir', dataDir, 'stills', 'import', set, '--name', 'Scales']);
    expect(imported.code, imported.stderr).toBe(0);
    const train = await motif(['--data-dir', dataDir, 'stills', 'train', 'scales']);
    expect(train.code).toBe(1);
    expect(train.stderr).toMatch(/^motif: No usable backbone at .*Not downloaded yet/);
    expect(train.stderr).toMatch(/`--backbone DIR` uses a local copy of the MobileNet folder, `--scratch` trains the small CNN instead\.$/m);
  });
});
