import { BrowserWindow, ipcMain } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels';
import type { Dispatch } from '../engine/api/router';
import type { EventBus } from '../engine/events';

/**
 * The main-side IPC bridge: one invoke channel into the engine's dispatch (which validates every
 * request) and one push channel for events. Raw ipcMain use is confined to this file by lint.
 */
export function registerIpc(dispatch: Dispatch, events: EventBus, isAppUrl: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Only our own page may call the engine (not a frame or page that got navigated elsewhere).
    const url = event.senderFrame?.url ?? '';
    if (!isAppUrl(url)) {
      return { ok: false, error: { kind: 'unauthorized', message: 'Calls are accepted from the Motif studio only' } };
    }
    return dispatch(method, input);
  });
  const unsubscribe = events.subscribe((message) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
