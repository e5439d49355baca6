import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../src/shared/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../src/shared/ipc-channels';
import type { Engine } from '../src/main/engine/engine';
import { testEngine } from './helpers/engine';

// The Electron binary cannot run here, so the shell's IPC module runs against a stand-in of the two
// electron objects it touches; the engine behind it is the real one.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>>();
const sent: Array<{ channel: string; message: unknown }> = [];
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () => [
      { isDestroyed: () => false, webContents: { send: (channel: string, message: unknown) => sent.push({ channel, message }) } },
    ],
  },
}));

const { registerIpc } = await import('../src/main/shell/ipc');

const APP_URL = 'file:///opt/motif/out/renderer/index.html';
const fromApp = { senderFrame: { url: APP_URL } };

let engine: Engine;
let unregister: () => void;
afterEach(() => {
  unregister();
  engine.close();
  sent.length = 0;
});

function setup() {
  engine = testEngine();
  unregister = registerIpc(engine.dispatch, engine.events, (url) => url === APP_URL);
  const handler = handlers.get(IPC_CALL_CHANNEL);
  if (!handler) throw new Error('no IPC handler registered');
  return handler;
}

describe('Electron IPC bridge', () => {
  it('routes calls into the validated dispatch: wrong shapes get invalid-input', async () => {
    const handler = setup();
    expect(await handler(fromApp, 'jobs.start', { kind: 'self-test', params: { steps: 'x' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await handler(fromApp, 'jobs.cancel', undefined)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await handler(fromApp, { toString: null }, [])).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const info = await handler(fromApp, 'system.info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'test' } });
  });

  it('refuses calls from frames that are not the studio', async () => {
    const handler = setup();
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }, {}]) {
      expect(await handler(event, 'system.info', {})).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    }
  });

  it('pushes engine events to every window and stops after unregistering', async () => {
    const handler = setup();
    await handler(fromApp, 'profiles.create', { name: 'Band' });
    expect(sent).toEqual([{ channel: IPC_EVENT_CHANNEL, message: { event: 'catalogue.changed', payload: { table: 'profiles' } } }]);
    unregister();
    expect(handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    unregister = () => undefined;
    engine.events.emit('catalogue.changed', { table: 'media' });
    expect(sent).toHaveLength(1);
  });
});
