import { describe, expect, it } from 'vitest';
import { niceCeil } from '../../src/renderer/src/lib/chart-axes';
import { addEpoch, EMPTY_EPOCHS, epochChart } from '../../src/renderer/src/stills/chart';
import { toBase64 } from '../../src/renderer/src/stills/classify.svelte';
import {
  compareModels,
  headlines,
  heatColour,
  heatInk,
  heatMap,
  reliabilityChart,
} from '../../src/renderer/src/stills/evaluation';
import { baseName, isAbsolutePath, percent } from '../../src/renderer/src/stills/format';
import { classList, moveInOrder } from '../../src/renderer/src/stills/labels.svelte';
import { classifyReport, importReport, trainedModelId } from '../../src/renderer/src/stills/reports';
import { reviewKey } from '../../src/renderer/src/stills/review.svelte';
import { job } from './helpers/fixtures';
import { dataset, evaluation, modelSummary } from './stills-fixtures';

describe('stills job reports', () => {
  it('reads an import report, keeping skip reasons and duplicates under two labels', () => {
    const done = job({
      id: 3,
      kind: 'stills-import',
      state: 'done',
      result: {
        datasetId: 2,
        name: 'shots',
        root: '/s',
        seen: 5,
        imported: 3,
        updated: 0,
        unchanged: 0,
        removed: 0,
        skipped: [{ path: '/s/a/broken.jpg', problem: 'corrupt', reason: 'not a JPEG' }, 'garbage'],
        duplicates: [
          {
            contentHash: 'h',
            files: [
              { path: '/s/a/x.jpg', label: 'a' },
              { path: '/s/b/x.jpg', label: 'b' },
            ],
            crossLabel: true,
          },
        ],
        groupPattern: 'prefix',
        classes: [{ label: 'a', count: 2 }],
        skippedCount: 1,
      },
    });
    const report = importReport(done);
    expect(report?.skipped).toEqual([{ path: '/s/a/broken.jpg', problem: 'corrupt', reason: 'not a JPEG' }]);
    expect(report?.duplicates[0]?.crossLabel).toBe(true);
    expect(report?.groupPattern).toBe('prefix');
    expect(importReport({ ...done, state: 'running' })).toBeNull();
    expect(importReport({ ...done, kind: 'library-import' })).toBeNull();
  });

  it('reads a classification report with counts, most first, and the trained model id', () => {
    const report = classifyReport(
      job({
        id: 4,
        kind: 'stills-classify',
        state: 'done',
        result: {
          modelId: 7,
          seen: 10,
          classified: 9,
          unsure: 2,
          skipped: [{ path: '/x/bad.png', reason: 'corrupt' }],
          counts: [
            { label: 'long', count: 2 },
            { label: 'close-up', count: 7 },
          ],
        },
      }),
    );
    expect(report?.counts.map((c) => c.label)).toEqual(['close-up', 'long']);
    expect(report?.unsure).toBe(2);
    expect(trainedModelId(job({ id: 5, kind: 'stills-train', state: 'done', result: { modelVersionId: 12 } }))).toBe(
      12,
    );
    expect(trainedModelId(job({ id: 5, kind: 'stills-train', state: 'failed', result: null }))).toBeNull();
  });
});

describe('stills evaluation views', () => {
  it('turns the confusion matrix into rows of cells with row-normalised shares', () => {
    const rows = heatMap(evaluation());
    expect(rows.map((r) => r.total)).toEqual([5, 4, 3]);
    const cell = rows[0]?.cells[1];
    expect(cell).toEqual({ actual: 'close-up', predicted: 'medium', count: 1, share: 0.2, diagonal: false });
    expect(rows[2]?.cells[2]?.diagonal).toBe(true);
    expect(heatColour({ share: 0, diagonal: false, count: 0 })).toBe('transparent');
    expect(heatColour({ share: 0.8, diagonal: true, count: 4 })).toMatch(/^rgba\(244, 163, 64/);
    expect(heatColour({ share: 0.2, diagonal: false, count: 1 })).toMatch(/^rgba\(239, 116, 104/);
    expect(heatInk({ share: 0.8, count: 4 })).toBe('dark');
    expect(heatInk({ share: 0.2, count: 1 })).toBe('light');
  });

  it('sets each headline beside its baseline; the majority F1 is 2p/(1+p) over the classes', () => {
    const [accuracy, withinOne, macroF1] = headlines(evaluation());
    expect(accuracy?.baseline).toBeCloseTo(5 / 12);
    expect(withinOne?.value).toBe(0.95);
    const p = 5 / 12;
    expect(macroF1?.baseline).toBeCloseTo((2 * p) / (1 + p) / 3);
    expect(headlines(evaluation({ order: null, withinOne: null }))[1]?.baselineLabel).toBe('needs a class order');
  });

  it('draws reliability bars for filled bins only, against the diagonal', () => {
    const chart = reliabilityChart(
      evaluation().calibration.bins.concat([{ lower: 0, upper: 0.2, count: 0, confidence: 0, accuracy: 0 }]),
    );
    expect(chart.bars).toHaveLength(2);
    const bar = chart.bars[1];
    expect(bar && bar.y + bar.height).toBeCloseTo(chart.plot.y + chart.plot.h);
    // 87.5% right at 90% confident: the bar ends just under where the confidence would put it.
    expect(bar && bar.y > bar.confidenceY).toBe(true);
  });

  it('compares two versions metric by metric, class F1 included', () => {
    const rows = compareModels(
      { ...modelSummary(1, { accuracy: 0.6 }), evaluation: evaluation() },
      { ...modelSummary(2, { accuracy: 0.75 }), evaluation: evaluation() },
    );
    expect(rows[0]).toEqual({ label: 'Accuracy', a: 0.6, b: 0.75, delta: expect.closeTo(0.15) as number });
    expect(rows.map((r) => r.label)).toContain('F1 medium');
  });
});

describe('the stills training chart', () => {
  it('keeps one point per epoch from progress metrics, later reports replacing earlier ones', () => {
    let series = addEpoch(EMPTY_EPOCHS, { fraction: 0.1, stage: 'embedding', message: 'Embedding 3 of 36' });
    expect(series).toBe(EMPTY_EPOCHS);
    const progress = (epoch: number, loss: number) => ({
      fraction: 0.5,
      stage: 'training',
      message: '',
      metrics: { epoch, loss, accuracy: 0.5, valLoss: loss + 0.1, valAccuracy: 0.4 },
    });
    series = addEpoch(series, progress(1, 1.2));
    series = addEpoch(series, progress(2, 0.9));
    const same = addEpoch(series, progress(2, 0.9));
    expect(same).toBe(series);
    series = addEpoch(series, progress(2, 0.8));
    expect(series.map((e) => [e.epoch, e.loss])).toEqual([
      [1, 1.2],
      [2, 0.8],
    ]);
    const chart = epochChart(series, 10);
    expect(chart.loss.points).toHaveLength(2);
    expect(chart.valAccuracy.points).toHaveLength(2);
    expect(chart.epochTicks.map((t) => t.label)).toContain('10');
    expect(chart.lossTicks.at(-1)?.label).toBe('2');
    expect(niceCeil(1.3)).toBe(2);
    // A report without validation numbers leaves those lines without the point.
    const partial = addEpoch(EMPTY_EPOCHS, {
      fraction: 0.2,
      stage: 'training',
      message: '',
      metrics: { epoch: 1, loss: 1 },
    });
    expect(epochChart(partial, 3).valLoss.points).toHaveLength(0);
  });
});

describe('stills classes and review keys', () => {
  it('lists classes in the marked order, else largest first, then classes with no stills yet', () => {
    expect(classList(dataset()).map((c) => c.label)).toEqual(['medium', 'close-up', 'long']);
    expect(
      classList(dataset({ classOrder: ['close-up', 'medium', 'long'], extraClasses: ['extreme long'] })).map((c) => [
        c.label,
        c.count,
      ]),
    ).toEqual([
      ['close-up', 12],
      ['medium', 14],
      ['long', 10],
      ['extreme long', 0],
    ]);
    expect(moveInOrder(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('maps keys: 1-9 pick, Enter/Space confirm, arrows move, Backspace/U undo; modifiers are not review keys', () => {
    const key = (k: string, mod = false) => reviewKey({ key: k, ctrlKey: mod, metaKey: false, altKey: false });
    expect(key('3')).toEqual({ action: 'pick', index: 2 });
    expect(key('0')).toBeNull();
    expect(key('Enter')).toEqual({ action: 'confirm' });
    expect(key(' ')).toEqual({ action: 'confirm' });
    expect(key('ArrowRight')).toEqual({ action: 'next' });
    expect(key('ArrowUp')).toEqual({ action: 'previous' });
    expect(key('u')).toEqual({ action: 'undo' });
    expect(key('Backspace')).toEqual({ action: 'undo' });
    expect(key('2', true)).toBeNull();
  });

  it('formats percentages, paths and base64', () => {
    expect(percent(0.8125)).toBe('81.3%');
    expect(percent(null)).toBe('—');
    expect(isAbsolutePath('C:\\stills')).toBe(true);
    expect(isAbsolutePath('stills')).toBe(false);
    expect(baseName('/a/b/c.jpg')).toBe('c.jpg');
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('the confusion matrix in the class order', () => {
  it('shows ordered classes closest shot first, the rest after, keeping counts with their labels', () => {
    const e = evaluation({
      classes: ['close-up', 'long', 'medium'],
      order: ['close-up', 'medium', 'long'],
      confusion: [
        [4, 0, 1],
        [0, 2, 1],
        [1, 0, 3],
      ],
    });
    const rows = heatMap(e);
    expect(rows.map((r) => r.actual)).toEqual(['close-up', 'medium', 'long']);
    expect(rows[1]?.cells.map((c) => [c.predicted, c.count])).toEqual([
      ['close-up', 1],
      ['medium', 3],
      ['long', 0],
    ]);
    expect(rows[1]?.cells[1]?.diagonal).toBe(true);
    expect(heatMap({ ...e, order: null }).map((r) => r.actual)).toEqual(['close-up', 'long', 'medium']);
  });
});
