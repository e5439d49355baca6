import { describe, expect, it } from 'vitest';
import { CatalogueStore } from '../../src/renderer/src/state/catalogue.svelte';
import { ModelsStore } from '../../src/renderer/src/state/models.svelte';
import { SystemStore } from '../../src/renderer/src/state/system.svelte';
import { ToastStore } from '../../src/renderer/src/state/toasts.svelte';
import { createClient } from '../../src/shared/client';
import { catalogueStats, job, model, running, systemInfo } from './helpers/fixtures';
import { ScriptedBridge, settle } from './helpers/scriptedBridge';

describe('SystemStore', () => {
  it('loads system.info and follows system.updated', async () => {
    const bridge = new ScriptedBridge().respond('system.info', systemInfo({ backend: null }));
    const store = new SystemStore(createClient(bridge), new ToastStore().report);
    const stop = store.subscribe();

    await store.load();
    expect(store.backendLabel).toBe('starting…');

    bridge.emit('system.updated', systemInfo());
    expect(store.backendLabel).toBe('wasm');
    expect(store.backend?.tfjsVersion).toBe('4.22.0');

    stop();
    bridge.emit('system.updated', systemInfo({ backend: null, backendError: 'worker crashed' }));
    expect(store.backendLabel).toBe('wasm');
  });

  it('says unavailable when the worker reported an error', async () => {
    const bridge = new ScriptedBridge().respond(
      'system.info',
      systemInfo({ backend: null, backendError: 'worker exited with code 1' }),
    );
    const store = new SystemStore(createClient(bridge), new ToastStore().report);
    await store.load();
    expect(store.backendLabel).toBe('unavailable');
  });
});

describe('ModelsStore', () => {
  function setup() {
    const bridge = new ScriptedBridge().respond('models.list', [model({ id: 1 }), model({ id: 2 })]);
    const toasts = new ToastStore();
    const store = new ModelsStore(createClient(bridge), toasts.report);
    return { bridge, toasts, store };
  }

  it('loads models.list newest first', async () => {
    const { store } = setup();
    await store.load();
    expect(store.items.map((m) => m.id)).toEqual([2, 1]);
  });

  it('refreshes when the catalogue says models changed, and only then', async () => {
    const { store, bridge } = setup();
    store.subscribe();
    await store.load();

    bridge.emit('catalogue.changed', { table: 'ratings' });
    await settle();
    expect(bridge.callsTo('models.list')).toHaveLength(1);

    bridge.respond('models.list', [model({ id: 1 }), model({ id: 2 }), model({ id: 3 })]);
    bridge.emit('catalogue.changed', { table: 'models' });
    await settle();
    expect(bridge.callsTo('models.list')).toHaveLength(2);
    expect(store.items.map((m) => m.id)).toEqual([3, 2, 1]);
  });

  it('refreshes once when a job finishes, not on progress', async () => {
    const { store, bridge } = setup();
    store.subscribe();

    bridge.emit('job.updated', running(5, 0.5));
    bridge.emit('job.updated', job({ id: 5, state: 'done' }));
    bridge.emit('job.updated', job({ id: 5, state: 'done' }));
    await settle();

    expect(bridge.callsTo('models.list')).toHaveLength(1);
  });

  it('coalesces a burst of changes into at most one follow-up call', async () => {
    const { store, bridge } = setup();
    store.subscribe();

    for (let i = 0; i < 5; i++) bridge.emit('catalogue.changed', { table: 'models' });
    await settle();

    expect(bridge.callsTo('models.list')).toHaveLength(2);
  });

  it('deletes through models.delete and drops the row', async () => {
    const { store, bridge } = setup();
    await store.load();
    bridge.respond('models.delete', { id: 2 });

    expect(await store.delete(2)).toBe(true);

    expect(bridge.callsTo('models.delete')).toEqual([{ id: 2 }]);
    expect(store.items.map((m) => m.id)).toEqual([1]);
  });

  it('keeps the row and shows a toast when deleting fails', async () => {
    const { store, bridge, toasts } = setup();
    await store.load();
    bridge.fail('models.delete', 'not-found', 'no model 2');

    expect(await store.delete(2)).toBe(false);

    expect(store.items.map((m) => m.id)).toEqual([2, 1]);
    expect(toasts.items[0]).toMatchObject({
      kind: 'not-found',
      message: 'no model 2',
      actions: ['Could not delete model 2'],
    });
    expect(store.deleting.size).toBe(0);
  });
});

describe('CatalogueStore', () => {
  it('loads catalogue.stats and refreshes on any catalogue change', async () => {
    const stats = catalogueStats({ items: 3, itemsByKind: { midi: 3 }, profiles: 1 });
    const bridge = new ScriptedBridge().respond('catalogue.stats', stats);
    const store = new CatalogueStore(createClient(bridge), new ToastStore().report);
    store.subscribe();

    await store.load();
    expect(store.stats?.itemsByKind.midi).toBe(3);

    bridge.respond('catalogue.stats', { ...stats, ratings: 12 });
    bridge.emit('catalogue.changed', { table: 'ratings' });
    await settle();
    expect(store.stats?.ratings).toBe(12);
  });
});
