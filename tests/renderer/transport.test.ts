import { describe, expect, it } from 'vitest';
import { selectTransport } from '../../src/renderer/src/lib/transport';
import type { ConnectionState } from '../../src/renderer/src/lib/connection';
import { ScriptedBridge } from './helpers/scriptedBridge';

describe('selectTransport', () => {
  it('uses the preload bridge when window.motif exists, always connected', async () => {
    const preload = new ScriptedBridge().respond('jobs.clearFinished', { removed: 0 });
    const transport = selectTransport({ motif: preload });
    const states: ConnectionState[] = [];
    transport.watchConnection((state) => states.push(state));

    expect(transport.kind).toBe('ipc');
    expect(await transport.bridge.call('jobs.clearFinished', {})).toEqual({ ok: true, value: { removed: 0 } });
    expect(preload.calls).toEqual([{ method: 'jobs.clearFinished', input: {} }]);
    expect(states).toEqual(['connected']);
  });

  it('falls back to the HTTP bridge in a plain browser', () => {
    const transport = selectTransport({});
    const states: ConnectionState[] = [];
    transport.watchConnection((state) => states.push(state));

    expect(transport.kind).toBe('http');
    expect(states).toEqual(['idle']);
  });
});
