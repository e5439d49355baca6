import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../src/shared/errors';
import { IPC_CALL_CHANNEL, IPC_DRAG_CHANNEL, IPC_EVENT_CHANNEL } from '../src/shared/ipc-channels';
import fs from 'node:fs';
import path from 'node:path';
import { isDraggable } from '../src/main/engine/drag-out';
import { midiBytes, write } from './helpers/media-fixtures';
import { tempDir } from './helpers/engine';
import type { Engine } from '../src/main/engine/engine';
import { testEngine } from './helpers/engine';

// The Electron binary cannot run here, so the shell's IPC module runs against a stand-in of the two
// electron objects it touches; the engine behind it is the real one.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>>();
const sent: Array<{ channel: string; message: unknown }> = [];
const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener),
    removeAllListeners: (channel: string) => listeners.delete(channel),
  },
  nativeImage: { createFromPath: (file: string) => ({ resize: () => ({ icon: file }) }) },
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
  const current = engine;
  unregister = registerIpc(engine.dispatch, engine.events, (url) => url === APP_URL, {
    isDraggable: (file): file is string => isDraggable(current, file),
    iconPath: '/opt/motif/resources/icons/128x128.png',
  });
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

  it('drags out only catalogue files and files Motif wrote, and only for the studio page', async () => {
    const handler = setup();
    const drag = listeners.get(IPC_DRAG_CHANNEL)!;
    const started: unknown[] = [];
    const dragFrom = (url: string) => ({ senderFrame: { url }, sender: { startDrag: (options: unknown) => started.push(options) } });

    // A clip written for dragging (melody.dragFile) may go; so may a catalogued item's own file.
    const clip = { ppq: 480, bpm: 120, timeSignature: { numerator: 4, denominator: 4 }, key: null, lengthTicks: 1920, notes: [{ id: 'a', pitch: 60, tick: 0, durationTicks: 480, velocity: 90 }] };
    const written = (await handler(fromApp, 'melody.dragFile', { clip, name: 'Hook' })) as { ok: true; value: { path: string } };
    expect(written.ok).toBe(true);
    expect(path.dirname(written.value.path)).toBe(engine.paths.exports);
    expect(fs.existsSync(written.value.path)).toBe(true);
    const again = (await handler(fromApp, 'melody.dragFile', { clip, name: 'Hook' })) as { ok: true; value: { path: string } };
    expect(path.basename(again.value.path)).toBe('Hook 2.mid'); // never overwrites what a DAW may still use
    drag(dragFrom(APP_URL), written.value.path);
    expect(started).toEqual([{ file: written.value.path, icon: { icon: '/opt/motif/resources/icons/128x128.png' } }]);

    const folder = fs.realpathSync(tempDir());
    const tune = write(folder, 'tune.mid', midiBytes());
    expect(isDraggable(engine, tune)).toBe(false); // not in the catalogue yet
    engine.catalogue.media.insert({ kind: 'midi', path: tune, title: 'tune' });
    expect(isDraggable(engine, tune)).toBe(true);

    // Anything else, or from another page, is ignored.
    const secret = write(folder, 'secret.txt', 'do not leak');
    for (const [url, file] of [
      [APP_URL, secret],
      [APP_URL, '/etc/passwd'],
      [APP_URL, `${engine.paths.exports}/../motif.sqlite`],
      [APP_URL, engine.paths.exports],
      [APP_URL, 42],
      ['https://evil.example/', tune],
    ] as const) {
      drag(dragFrom(url), file);
    }
    expect(started).toHaveLength(1);
    unregister();
    expect(listeners.has(IPC_DRAG_CHANNEL)).toBe(false);
    unregister = () => undefined;
  });
});
