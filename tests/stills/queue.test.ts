import { describe, expect, it } from 'vitest';
import type { DatasetMember } from '../../src/main/engine/catalogue/stills-repo';
import { buildQueue, queueRequestSchema } from '../../src/main/engine/stills/queue';

const member = (itemId: number, label: string, reviewedAt: string | null = null): DatasetMember => ({
  itemId,
  path: `/s/${itemId}.jpg`,
  contentHash: `h${itemId}`,
  label,
  groupKey: null,
  labelSource: reviewedAt ? 'user' : 'folder',
  reviewedAt,
});

const predictions = {
  classes: ['a', 'b', 'c'],
  items: [
    { itemId: 1, split: 'validation' as const, probabilities: [0.9, 0.05, 0.05] }, // sure a
    { itemId: 2, split: 'train' as const, probabilities: [0.4, 0.35, 0.25] }, // margin 0.05, high entropy
    { itemId: 3, split: 'train' as const, probabilities: [0.5, 0.5, 0] }, // margin 0, entropy ln 2
    { itemId: 4, split: 'validation' as const, probabilities: [0.1, 0.8, 0.1] },
    { itemId: 5, split: 'train' as const, probabilities: [0.2, 0.3, 0.5] }, // no longer in the dataset
  ],
};
const request = (extra: Record<string, unknown> = {}) =>
  queueRequestSchema.parse({
    modelPath: 'models/stills/x',
    datasetId: 1,
    modelCreatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  });

describe('relabel queue', () => {
  const members = [member(1, 'a'), member(2, 'b'), member(3, 'a'), member(4, 'a')];

  it('least sure first by margin, or by entropy; stills gone from the dataset are left out', () => {
    const byMargin = buildQueue(predictions, members, request());
    expect(byMargin.items.map((i) => i.itemId)).toEqual([3, 2, 4, 1]);
    expect(byMargin.total).toBe(4);
    expect(byMargin.items[0]).toMatchObject({ predicted: 'a', margin: 0, label: 'a', split: 'train' });
    expect(byMargin.items[1]?.top.map((t) => t.label)).toEqual(['a', 'b', 'c']);
    expect(byMargin.items[1]?.margin).toBeCloseTo(0.05, 10);
    const byEntropy = buildQueue(predictions, members, request({ by: 'entropy', limit: 2 }));
    expect(byEntropy.items.map((i) => i.itemId)).toEqual([2, 3]);
    expect(byEntropy.total).toBe(4);
    expect(byEntropy.items[1]?.entropy).toBeCloseTo(Math.log(2), 6);
  });

  it('a confusion cell: labelled actual, predicted as predicted (current labels)', () => {
    const cell = buildQueue(predictions, members, request({ cell: { actual: 'a', predicted: 'b' } }));
    expect(cell.items.map((i) => i.itemId)).toEqual([4]);
  });

  it('stills reviewed after the model leave the queue unless asked for; earlier reviews do not count', () => {
    const reviewed = [
      member(1, 'a'),
      member(2, 'b', '2026-02-01T00:00:00.000Z'),
      member(3, 'a', '2025-12-01T00:00:00.000Z'),
      member(4, 'a'),
    ];
    const queue = buildQueue(predictions, reviewed, request());
    expect(queue.items.map((i) => i.itemId)).toEqual([3, 4, 1]);
    const all = buildQueue(predictions, reviewed, request({ includeReviewed: true }));
    expect(all.items.find((i) => i.itemId === 2)).toMatchObject({ reviewed: true, labelSource: 'user' });
  });

  it('refuses a model path outside the data directory', () => {
    expect(queueRequestSchema.safeParse({ modelPath: '../x', datasetId: 1, modelCreatedAt: 'x' }).success).toBe(false);
    expect(queueRequestSchema.safeParse({ modelPath: '/abs', datasetId: 1, modelCreatedAt: 'x' }).success).toBe(false);
  });
});
