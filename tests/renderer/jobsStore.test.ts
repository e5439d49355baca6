import { describe, expect, it, vi } from 'vitest';
import { JobsStore, LOSS_HISTORY_LIMIT } from '../../src/renderer/src/state/jobs.svelte';
import { ToastStore } from '../../src/renderer/src/state/toasts.svelte';
import { createClient } from '../../src/shared/client';
import type { JobRecord } from '../../src/shared/jobs';
import { job, running } from './helpers/fixtures';
import { ScriptedBridge, settle } from './helpers/scriptedBridge';

function setup(list: JobRecord[] = []) {
  const bridge = new ScriptedBridge().respond('jobs.list', list);
  const toasts = new ToastStore();
  const onJobStarted = vi.fn();
  const store = new JobsStore(createClient(bridge), toasts.report, { onJobStarted });
  return { bridge, toasts, store, onJobStarted };
}

const ids = (store: JobsStore): number[] => store.items.map((j) => j.id);

describe('JobsStore', () => {
  it('loads jobs.list newest first', async () => {
    const { store, bridge } = setup([job({ id: 1 }), job({ id: 3 }), job({ id: 2 })]);

    await store.load();

    expect(bridge.callsTo('jobs.list')).toEqual([{}]);
    expect(ids(store)).toEqual([3, 2, 1]);
    expect(store.loaded).toBe(true);
  });

  it('applies job.updated by id: inserts new on top, replaces existing, never duplicates', async () => {
    const { store, bridge } = setup([job({ id: 1, state: 'done' }), job({ id: 2 })]);
    await store.load();
    store.subscribe();

    bridge.emit('job.updated', running(2, 0.25));
    bridge.emit('job.updated', job({ id: 5 }));
    bridge.emit('job.updated', running(2, 0.5));

    expect(ids(store)).toEqual([5, 2, 1]);
    expect(store.get(2)?.progress?.fraction).toBe(0.5);
    expect(store.activeCount).toBe(2);
    expect(store.finishedCount).toBe(1);
  });

  it('ignores a snapshot older than the one it holds', async () => {
    const { store, bridge } = setup();
    store.subscribe();

    bridge.emit('job.updated', job({ id: 7, state: 'done', progress: { fraction: 1, stage: 'done', message: 'ok' } }));
    bridge.emit('job.updated', running(7, 0.9));

    expect(store.get(7)?.state).toBe('done');
  });

  it('accumulates the loss history from progress metrics, once per report', async () => {
    const { store, bridge } = setup();
    store.subscribe();

    bridge.emit('job.updated', job({ id: 3 }));
    bridge.emit('job.updated', running(3, 0.1, 0.9));
    bridge.emit('job.updated', running(3, 0.1, 0.9)); // the same report again
    bridge.emit('job.updated', running(3, 0.2, 0.6));
    bridge.emit('job.updated', running(3, 0.3)); // no loss in this report
    bridge.emit('job.updated', running(3, 0.4, 0.3));

    expect(store.lossOf(3)).toEqual([
      { at: 0.1, loss: 0.9 },
      { at: 0.2, loss: 0.6 },
      { at: 0.4, loss: 0.3 },
    ]);
    expect(store.lossOf(99)).toEqual([]);
  });

  it('thins a long loss history but keeps the newest point', () => {
    const { store } = setup();
    const reports = LOSS_HISTORY_LIMIT + 10;
    for (let i = 1; i <= reports; i++) store.apply(running(1, i / reports, 1 / i));

    const history = store.lossOf(1);
    expect(history.length).toBeLessThanOrEqual(LOSS_HISTORY_LIMIT);
    expect(history.at(-1)).toEqual({ at: 1, loss: 1 / reports });
    expect(history[0]?.at).toBe(1 / reports);
  });

  it('starts a self-test and announces it once, even when its event also arrives', async () => {
    const { store, bridge, onJobStarted } = setup();
    store.subscribe();
    bridge.respond('jobs.start', job({ id: 3 }));

    const started = store.startSelfTest();
    expect(store.starting).toBe(true);
    bridge.emit('job.updated', running(3, 0.05));
    await started;

    expect(bridge.callsTo('jobs.start')).toEqual([{ kind: 'self-test', params: {} }]);
    expect(store.starting).toBe(false);
    // The queued record from jobs.start must not overwrite the newer running event.
    expect(store.get(3)?.state).toBe('running');
    expect(onJobStarted).toHaveBeenCalledTimes(1);
  });

  it('does not announce jobs that were already there at load', async () => {
    const { store, onJobStarted } = setup([running(1, 0.5)]);
    await store.load();
    expect(onJobStarted).not.toHaveBeenCalled();
  });

  it('keeps an event that arrived while jobs.list was in flight', async () => {
    const { store, bridge } = setup();
    const list = bridge.defer('jobs.list');
    store.subscribe();

    const loading = store.load();
    bridge.emit('job.updated', running(2, 0.6, 0.4));
    list.resolve([running(2, 0.2, 0.8), job({ id: 1, state: 'done' })]);
    await loading;

    expect(ids(store)).toEqual([2, 1]);
    expect(store.get(2)?.progress?.fraction).toBe(0.6);
  });

  it('cancels through jobs.cancel and applies the returned record', async () => {
    const { store, bridge } = setup([running(4, 0.3)]);
    await store.load();
    bridge.respond('jobs.cancel', job({ id: 4, state: 'cancelled', finishedAt: '2025-01-01T10:01:00Z' }));

    await store.cancel(4);

    expect(bridge.callsTo('jobs.cancel')).toEqual([{ id: 4 }]);
    expect(store.get(4)?.state).toBe('cancelled');
    expect(store.cancelling.size).toBe(0);
  });

  it('turns a failed call into a toast instead of swallowing it', async () => {
    const { store, bridge, toasts } = setup([running(4, 0.3)]);
    await store.load();
    bridge.fail('jobs.cancel', 'conflict', 'job 4 already finished');

    await store.cancel(4);

    expect(toasts.items).toHaveLength(1);
    expect(toasts.items[0]).toMatchObject({
      kind: 'conflict',
      title: 'Conflict',
      message: 'job 4 already finished',
      actions: ['Could not cancel job 4'],
    });
    expect(store.get(4)?.state).toBe('running');
  });

  it('reports a failed load as a toast', async () => {
    const { store, bridge, toasts } = setup();
    bridge.fail('jobs.list', 'unavailable', 'Cannot reach the engine');

    await store.load();

    expect(toasts.items.map((t) => [t.actions, t.message])).toEqual([
      [['Could not load jobs'], 'Cannot reach the engine'],
    ]);
    expect(store.loaded).toBe(false);
  });

  it('clears finished jobs and their loss history', async () => {
    const { store, bridge } = setup([
      job({ id: 1, state: 'done' }),
      running(2, 0.5, 0.2),
      job({ id: 3, state: 'failed', error: 'boom' }),
    ]);
    await store.load();
    bridge.respond('jobs.clearFinished', { removed: 2 });

    await store.clearFinished();

    expect(bridge.callsTo('jobs.clearFinished')).toEqual([{}]);
    expect(ids(store)).toEqual([2]);
    expect(Object.keys(store.lossHistory)).toEqual(['2']);
  });

  it('stops applying events after unsubscribe', async () => {
    const { store, bridge } = setup();
    const unsubscribe = store.subscribe();
    bridge.emit('job.updated', job({ id: 1 }));

    unsubscribe();
    bridge.emit('job.updated', job({ id: 2 }));
    await settle();

    expect(ids(store)).toEqual([1]);
    expect(bridge.subscriberCount).toBe(0);
  });
});
