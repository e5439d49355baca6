import { describe, expect, it } from 'vitest';
import { Studio } from '../../src/renderer/src/state/studio.svelte';
import { job, systemInfo } from './helpers/fixtures';
import { ScriptedBridge, ScriptedTransport, settle } from './helpers/scriptedBridge';

function scripted(): ScriptedBridge {
  return new ScriptedBridge()
    .respond('system.info', systemInfo())
    .respond('jobs.list', [])
    .respond('models.list', [])
    .respond('catalogue.stats', {
      items: 0,
      itemsByKind: {},
      profiles: 0,
      ratings: 0,
      tags: 0,
      modelVersions: 0,
      jobs: 0,
    });
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

    expect(studio.toasts.items.map((t) => t.message.split(':')[0])).toEqual(
      expect.arrayContaining([
        'Could not read the engine status',
        'Could not load jobs',
        'Could not load model versions',
        'Could not read the catalogue',
      ]),
    );
  });
});
