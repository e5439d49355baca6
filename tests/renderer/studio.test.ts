import { describe, expect, it } from 'vitest';
import { Studio } from '../../src/renderer/src/state/studio.svelte';
import { catalogueStats, job, systemInfo } from './helpers/fixtures';
import { ScriptedBridge, ScriptedTransport, settle } from './helpers/scriptedBridge';

function scripted(): ScriptedBridge {
  return new ScriptedBridge()
    .respond('system.info', systemInfo())
    .respond('jobs.list', [])
    .respond('models.list', [])
    .respond('catalogue.stats', catalogueStats());
}

describe('Studio', () => {
  it('loads everything on connect and unsubscribes everything on cleanup', async () => {
    const transport = new ScriptedTransport(scripted());
    const studio = new Studio(transport);

    const disconnect = studio.connect();
    await settle();

    expect(new Set(transport.bridge.calls.map((c) => c.method))).toEqual(
      new Set(['system.info', 'jobs.list', 'models.list', 'catalogue.stats']),
    );
    expect(transport.bridge.subscriberCount).toBe(1);
    expect(studio.system.backendLabel).toBe('wasm');
    expect(studio.connection.state).toBe('connected');

    disconnect();
    expect(transport.bridge.subscriberCount).toBe(0);
    expect(transport.watcherCount).toBe(0);
  });

  it('opens the jobs panel when a job starts', async () => {
    const transport = new ScriptedTransport(scripted());
    const studio = new Studio(transport);
    studio.connect();
    await settle();
    expect(studio.jobsPanelOpen).toBe(false);

    transport.bridge.emit('job.updated', job({ id: 9 }));

    expect(studio.jobsPanelOpen).toBe(true);
  });

  it('shows the engine as disconnected while reconnecting and reloads after it is back', async () => {
    const transport = new ScriptedTransport(scripted());
    const studio = new Studio(transport);
    studio.connect();
    await settle();
    const before = transport.bridge.callsTo('jobs.list').length;

    transport.setState('reconnecting');
    expect(studio.connection.disconnected).toBe(true);
    expect(studio.connection.label).toContain('disconnected');

    transport.setState('connected');
    await settle();
    expect(studio.connection.disconnected).toBe(false);
    expect(transport.bridge.callsTo('jobs.list').length).toBe(before + 1);
  });

  it('puts every failed initial load in front of the user', async () => {
    const transport = new ScriptedTransport(new ScriptedBridge());
    const studio = new Studio(transport);
    studio.connect();
    await settle();

    expect(studio.toasts.items.flatMap((t) => t.actions)).toEqual(
      expect.arrayContaining([
        'Could not read the engine status',
        'Could not load jobs',
        'Could not load model versions',
        'Could not read the catalogue',
      ]),
    );
  });

  it('collapses one outage into one toast and drops it once the engine is back', async () => {
    const bridge = new ScriptedBridge();
    for (const method of ['system.info', 'jobs.list', 'models.list', 'catalogue.stats'] as const) {
      bridge.fail(method, 'unavailable', 'Cannot reach the engine (Failed to fetch)');
    }
    const transport = new ScriptedTransport(bridge, 'connecting');
    const studio = new Studio(transport);
    studio.connect();
    await settle();
    transport.setState('reconnecting');

    expect(studio.toasts.items).toHaveLength(1);
    expect(studio.toasts.items[0]).toMatchObject({ title: 'Engine unavailable', count: 4 });
    expect(studio.toasts.items[0]?.actions).toHaveLength(4);

    bridge.respond('system.info', systemInfo());
    bridge.respond('jobs.list', []);
    bridge.respond('models.list', []);
    bridge.respond('catalogue.stats', catalogueStats());
    transport.setState('connected');
    await settle();

    expect(studio.toasts.items).toEqual([]);
    expect(studio.system.backendLabel).toBe('wasm');
  });
});
