import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { ApiInput } from '../../src/shared/api';
import type { StillsQueueItem } from '../../src/shared/stills';
import { ACTIVE_MODEL_KEY } from '../../src/renderer/src/stills/models.svelte';
import { job } from './helpers/fixtures';
import { settle } from './helpers/scriptedBridge';
import { dataset, labSetup, modelDetails, modelSummary, queueItem } from './stills-fixtures';

describe('Stills lab: datasets and import', () => {
  it('loads the datasets and the backbone, shows the first dataset and its first class', async () => {
    const { lab, bridge } = labSetup();
    bridge.respond('stills.items', (input) => ({
      items: [
        {
          itemId: 9,
          path: `/stills/shot-scale/${input.label}/film01_1.jpg`,
          title: 'film01_1',
          label: input.label ?? '',
          labelSource: 'folder',
          reviewed: false,
          groupKey: 'film01',
          width: 320,
          height: 180,
        },
      ],
      total: 1,
    }));
    lab.connect();
    await settle();
    expect(lab.dataset?.name).toBe('shot-scale');
    expect(lab.datasets.backbone?.state).toBe('ready');
    expect(lab.classes).toEqual(['medium', 'close-up', 'long']);
    expect(lab.labels.label).toBe('medium');
    expect(lab.labels.items.map((i) => i.itemId)).toEqual([9]);
    expect(bridge.callsTo('stills.items')).toContainEqual({ datasetId: 1, label: 'medium', limit: 120 });
  });

  it('imports a folder as a job, then selects the new dataset and shows its report', async () => {
    const { lab, bridge } = labSetup();
    lab.connect();
    await settle();
    bridge.respond('stills.importDataset', job({ id: 21, kind: 'stills-import', state: 'queued' }));
    expect(await lab.datasets.importFolder('/stills/new', ' Night ')).toBe(true);
    expect(bridge.callsTo('stills.importDataset')).toEqual([{ path: '/stills/new', name: 'Night' }]);
    expect(lab.datasets.importRunning).toBe(true);

    bridge.respond('stills.datasets', [dataset(), dataset({ id: 2, name: 'Night', root: '/stills/new' })]);
    bridge.emit(
      'job.updated',
      job({
        id: 21,
        kind: 'stills-import',
        state: 'done',
        result: { datasetId: 2, name: 'Night', root: '/stills/new', seen: 2, imported: 2, skipped: [], duplicates: [], classes: [] },
      }),
    );
    await settle();
    expect(lab.datasets.report?.imported).toBe(2);
    expect(lab.datasets.selectedId).toBe(2);
  });

  it('says why an import did not start (the engine refused the folder)', async () => {
    const { lab, bridge } = labSetup();
    bridge.fail('stills.importDataset', 'not-found', 'There is no folder at /nope.');
    expect(await lab.datasets.importFolder('/nope')).toBe(false);
    expect(lab.datasets.importError).toBe('There is no folder at /nope.');
  });

  it('saves a class order and an added class through updateDataset', async () => {
    const { lab, bridge } = labSetup();
    lab.connect();
    await settle();
    bridge.respond('stills.updateDataset', (input) =>
      dataset({
        classOrder: input.classOrder ?? null,
        extraClasses: input.addClass ? [input.addClass] : [],
      }),
    );
    expect(await lab.datasets.setClassOrder(['close-up', 'medium', 'long'])).toBe(true);
    expect(lab.classes).toEqual(['close-up', 'medium', 'long']);
    expect(await lab.datasets.addClass(' extreme long ')).toBe(true);
    expect(bridge.callsTo('stills.updateDataset')).toEqual([
      { datasetId: 1, classOrder: ['close-up', 'medium', 'long'] },
      { datasetId: 1, addClass: 'extreme long' },
    ]);
    expect(lab.classes).toContain('extreme long');
  });

  it('starts the backbone download and reads the status again when it ends', async () => {
    const { lab, bridge } = labSetup();
    bridge.respond('stills.downloadBackbone', job({ id: 30, kind: 'backbone-download', state: 'running' }));
    lab.connect();
    await settle();
    await lab.datasets.downloadBackbone();
    expect(bridge.callsTo('stills.downloadBackbone')).toEqual([{ backbone: 'mobilenet_v1_0.75_224' }]);
    expect(lab.datasets.downloading).toBe(true);
    const before = bridge.callsTo('settings.get').length;
    bridge.emit('job.updated', job({ id: 30, kind: 'backbone-download', state: 'done' }));
    await settle();
    expect(bridge.callsTo('settings.get').length).toBe(before + 1);
  });
});

describe('Stills lab: labels', () => {
  it('moves selected stills to another class and refreshes the counts', async () => {
    const { lab, bridge, notices } = labSetup();
    const item = (itemId: number) => ({
      itemId,
      path: `/s/medium/${itemId}.jpg`,
      title: String(itemId),
      label: 'medium',
      labelSource: 'folder' as const,
      reviewed: false,
      groupKey: null,
      width: null,
      height: null,
    });
    bridge.respond('stills.items', { items: [item(1), item(2), item(3)], total: 3 });
    bridge.respond('stills.relabel', (input) => ({ count: input.itemIds.length }));
    lab.connect();
    await settle();
    lab.labels.toggle(1);
    lab.labels.toggle(3);
    expect(await lab.labels.moveSelected('close-up')).toBe(true);
    expect(bridge.callsTo('stills.relabel')).toEqual([{ datasetId: 1, itemIds: [1, 3], label: 'close-up' }]);
    expect(lab.labels.items.map((i) => i.itemId)).toEqual([2]);
    expect(lab.labels.selected.size).toBe(0);
    expect(notices[0]?.message).toBe('2 stills now labelled "close-up".');
    expect(bridge.callsTo('stills.datasets').length).toBeGreaterThanOrEqual(2);
  });
});

describe('Stills lab: training and models', () => {
  it('trains with the chosen options, follows the live chart, then uses and evaluates the new model', async () => {
    const { lab, bridge, notices } = labSetup();
    lab.connect();
    await settle();
    expect(lab.trainer.epochs).toBe(20); // from Settings
    lab.trainer.architecture = 'transfer';
    lab.trainer.aspect = 'pad';
    lab.trainer.epochs = 3;
    lab.trainer.maxMinutes = null;
    bridge.respond('stills.train', job({ id: 40, kind: 'stills-train', state: 'queued', params: { epochs: 3 } }));
    await lab.train();
    expect(bridge.callsTo('stills.train')).toEqual([
      { datasetId: 1, architecture: 'transfer', aspect: 'pad', epochs: 3, augment: true },
    ]);
    expect(lab.trainer.running).toBe(true);

    for (const [epoch, loss] of [
      [1, 1.0],
      [2, 0.7],
    ] as const) {
      bridge.emit(
        'job.updated',
        job({
          id: 40,
          kind: 'stills-train',
          state: 'running',
          progress: { fraction: epoch / 3, stage: 'training', message: `Epoch ${epoch} of 3`, metrics: { epoch, loss, accuracy: 0.6, valLoss: loss, valAccuracy: 0.5 } },
        }),
      );
    }
    expect(lab.trainer.series.map((e) => e.epoch)).toEqual([1, 2]);

    bridge.respond('stills.models', [modelSummary(7), modelSummary(5)]);
    bridge.respond('stills.modelDetails', modelDetails(7));
    bridge.emit('job.updated', job({ id: 40, kind: 'stills-train', state: 'done', result: { modelVersionId: 7 } }));
    await settle();
    expect(lab.models.activeId).toBe(7);
    expect(lab.trainer.series).toHaveLength(3); // the saved history replaces the live points
    expect(notices.at(-1)).toEqual({ title: 'Model trained', message: 'Shot scale #7: 75.0% on held-out stills' });
  });

  it('says why a training run did not start', async () => {
    const { lab, bridge } = labSetup();
    lab.connect();
    await settle();
    bridge.fail('stills.train', 'unavailable', 'No usable backbone');
    expect(await lab.train()).toBeNull();
    expect(lab.trainer.startError).toBe('No usable backbone');
  });

  it('remembers the version in use per dataset, rolls back, and moves on when it is deleted', async () => {
    const { lab, bridge, storage } = labSetup();
    bridge.respond('stills.models', [
      modelSummary(5),
      modelSummary(7),
      modelSummary(9, { datasetId: 2 }),
      modelSummary(11, { datasetId: null, origin: 'imported' }),
    ]);
    lab.connect();
    await settle();
    expect(lab.models.list.map((m) => m.id)).toEqual([11, 7, 5]); // other datasets' versions are left out
    expect(lab.models.activeId).toBe(11);
    lab.models.use(5);
    expect(storage.getItem(`${ACTIVE_MODEL_KEY}.1`)).toBe('5');
    lab.models.compareWith(7);
    expect(lab.models.compared?.id).toBe(7);
    bridge.respond('stills.deleteModel', { id: 5 });
    await lab.models.remove(5);
    expect(lab.models.activeId).toBe(11);
    expect(lab.models.list.map((m) => m.id)).toEqual([11, 7]);
  });

  it('opens a confusion cell in Review with every still of the cell', async () => {
    const { lab, bridge } = labSetup();
    bridge.respond('stills.models', [modelSummary(7)]);
    bridge.respond('stills.queue', { items: [queueItem(1)], total: 1 });
    lab.connect();
    await settle();
    await lab.openCell('medium', 'close-up');
    expect(lab.tab).toBe('review');
    expect(bridge.callsTo('stills.queue')).toEqual([
      { modelId: 7, by: 'margin', limit: 50, cell: { actual: 'medium', predicted: 'close-up' }, includeReviewed: true },
    ]);
    expect(lab.review.current?.itemId).toBe(1);
  });
});

describe('Stills lab: review', () => {
  async function reviewing(items: StillsQueueItem[]) {
    const setup = labSetup();
    const relabels: Array<ApiInput<'stills.relabel'>> = [];
    setup.bridge.respond('stills.models', [modelSummary(7)]);
    setup.bridge.respond('stills.queue', { items, total: items.length });
    setup.bridge.respond('stills.relabel', (input) => {
      relabels.push(input);
      return { count: input.itemIds.length };
    });
    setup.lab.connect();
    await settle();
    await setup.lab.review.loadLeastSure(7);
    return { ...setup, relabels };
  }

  it('picks a class with a number key, confirms with Enter, undoes with U, and counts reviewed stills', async () => {
    const { lab, relabels } = await reviewing([queueItem(1), queueItem(2), queueItem(3)]);
    const review = lab.review;
    const classes = ['close-up', 'medium', 'long'];
    expect(review.handleKey({ action: 'pick', index: 0 }, classes)).toBe(true);
    await settle();
    expect(relabels.at(-1)).toEqual({ datasetId: 1, itemIds: [1], label: 'close-up' });
    expect(review.items[0]).toMatchObject({ label: 'close-up', reviewed: true, labelSource: 'user' });
    expect(review.index).toBe(1);
    review.handleKey({ action: 'confirm' }, classes);
    await settle();
    expect(relabels.at(-1)).toEqual({ datasetId: 1, itemIds: [2], label: 'medium' });
    expect(review.reviewedCount).toBe(2);
    expect(review.index).toBe(2);

    // Undo the confirmation (nothing to relabel back), then the pick (relabel back to medium).
    review.handleKey({ action: 'undo' }, classes);
    await settle();
    expect(review.index).toBe(1);
    expect(review.reviewedCount).toBe(1);
    await review.undo();
    expect(relabels.at(-1)).toEqual({ datasetId: 1, itemIds: [1], label: 'medium' });
    expect(review.items[0]).toMatchObject({ label: 'medium', reviewed: false, labelSource: 'folder' });
    expect(review.index).toBe(0);
    expect(review.reviewedCount).toBe(0);
    expect(review.handleKey({ action: 'pick', index: 5 }, classes)).toBe(false);
  });

  it('moves with the arrows within the queue', async () => {
    const { lab } = await reviewing([queueItem(1), queueItem(2)]);
    lab.review.handleKey({ action: 'previous' }, []);
    expect(lab.review.index).toBe(0);
    lab.review.handleKey({ action: 'next' }, []);
    lab.review.handleKey({ action: 'next' }, []);
    expect(lab.review.index).toBe(1);
  });

  it('retrains with the architecture and aspect of the model in use', async () => {
    const { lab, bridge } = await reviewing([queueItem(1)]);
    bridge.respond('stills.models', [modelSummary(7, { aspect: 'pad', architecture: 'transfer' })]);
    await lab.models.load();
    lab.trainer.aspect = 'crop';
    bridge.respond('stills.train', job({ id: 50, kind: 'stills-train', state: 'queued' }));
    await lab.retrain();
    expect(bridge.callsTo('stills.train').at(-1)).toMatchObject({ datasetId: 1, architecture: 'transfer', aspect: 'pad' });
  });
});

describe('Stills lab: use', () => {
  it('classifies a folder as a job and reads its report', async () => {
    const { lab, bridge } = labSetup();
    lab.connect();
    await settle();
    lab.classifier.path = ' /stills/unsorted ';
    bridge.respond('stills.classify', job({ id: 60, kind: 'stills-classify', state: 'queued' }));
    await lab.classifier.start(7);
    expect(bridge.callsTo('stills.classify')).toEqual([{ modelId: 7, path: '/stills/unsorted' }]);
    lab.classifier.target = 'library';
    bridge.emit(
      'job.updated',
      job({ id: 60, kind: 'stills-classify', state: 'done', result: { modelId: 7, seen: 3, classified: 3, unsure: 0, skipped: [], counts: [{ label: 'long', count: 3 }] } }),
    );
    flushSync();
    expect(lab.classifier.report?.counts).toEqual([{ label: 'long', count: 3 }]);
    bridge.respond('stills.classify', job({ id: 61, kind: 'stills-classify', state: 'queued' }));
    await lab.classifier.start(7);
    expect(bridge.callsTo('stills.classify').at(-1)).toEqual({ modelId: 7, library: true });
  });

  it('predicts a dropped still from its bytes', async () => {
    const { lab, bridge } = labSetup();
    bridge.respond('stills.predict', { label: 'close-up', confidence: 0.9, top: [{ label: 'close-up', probability: 0.9 }], modelId: 7 });
    const prediction = await lab.classifier.predict(7, { bytes: new Uint8Array([1, 2, 3]) }, { name: 'a.jpg', previewUrl: null });
    expect(prediction?.label).toBe('close-up');
    expect(bridge.callsTo('stills.predict')).toEqual([{ modelId: 7, dataBase64: 'AQID' }]);
    bridge.fail('stills.predict', 'invalid-input', 'not an image');
    await lab.classifier.predict(7, { path: '/x.txt' }, { name: 'x.txt', previewUrl: null });
    expect(lab.classifier.predictError).toBe('not an image');
  });
});

describe('Stills lab: selecting stills', () => {
  it('selects a run of stills with a Shift-click from the last one clicked', async () => {
    const { lab, bridge } = labSetup();
    const item = (itemId: number) => ({
      itemId,
      path: null,
      title: String(itemId),
      label: 'medium',
      labelSource: 'folder' as const,
      reviewed: false,
      groupKey: null,
      width: null,
      height: null,
    });
    bridge.respond('stills.items', { items: [1, 2, 3, 4, 5].map(item), total: 5 });
    lab.connect();
    await settle();
    lab.labels.toggle(4);
    lab.labels.toggle(2, true);
    expect([...lab.labels.selected].sort()).toEqual([2, 3, 4]);
    lab.labels.toggle(3);
    expect([...lab.labels.selected].sort()).toEqual([2, 4]);
  });
});

describe('Stills lab: the first dataset', () => {
  it('shows a dataset imported into an empty lab, with the models trained on it', async () => {
    const { lab, bridge } = labSetup();
    bridge.respond('stills.datasets', []);
    lab.connect();
    await settle();
    expect(lab.dataset).toBeNull();
    bridge.respond('stills.importDataset', job({ id: 21, kind: 'stills-import', state: 'queued' }));
    await lab.datasets.importFolder('/stills/shot-scale');
    bridge.respond('stills.datasets', [dataset()]);
    bridge.emit('job.updated', job({ id: 21, kind: 'stills-import', state: 'done', result: { datasetId: 1 } }));
    await settle();
    expect(lab.dataset?.id).toBe(1);
    expect(bridge.callsTo('stills.models').length).toBeGreaterThan(0);

    bridge.respond('stills.train', job({ id: 40, kind: 'stills-train', state: 'queued' }));
    await lab.train();
    bridge.respond('stills.models', [modelSummary(3)]);
    bridge.respond('stills.modelDetails', modelDetails(3));
    bridge.emit('job.updated', job({ id: 40, kind: 'stills-train', state: 'done', result: { modelVersionId: 3 } }));
    await settle();
    expect(lab.models.active?.id).toBe(3);
  });
});

describe('Stills lab: versions made elsewhere', () => {
  it('lists a version the CLI trained when the catalogue says models changed', async () => {
    const { lab, bridge } = labSetup();
    lab.connect();
    await settle();
    expect(lab.models.list).toEqual([]);
    bridge.respond('stills.models', [modelSummary(4)]);
    bridge.emit('catalogue.changed', { table: 'models' });
    await settle();
    expect(lab.models.active?.id).toBe(4);
  });
});

describe('Stills lab: after the engine was away', () => {
  it('reads the datasets, the backbone and the versions again', async () => {
    const { lab, bridge } = labSetup();
    lab.connect();
    await settle();
    bridge.respond('stills.datasets', [dataset({ items: 40 })]);
    bridge.respond('stills.models', [modelSummary(8)]);
    await lab.refresh();
    expect(lab.dataset?.items).toBe(40);
    expect(lab.models.active?.id).toBe(8);
  });
});
