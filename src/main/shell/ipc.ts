import { BrowserWindow, ipcMain, nativeImage } from 'electron';
import { IPC_CALL_CHANNEL, IPC_DRAG_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels';
import type { Dispatch } from '../engine/api/router';
import type { EventBus } from '../engine/events';

/**
 * The main-side IPC bridge: one invoke channel into the engine's dispatch (which validates every
 * request) and one push channel for events. Raw ipcMain use is confined to this file by lint.
 */
export interface DragOut {
  /** Whether this file may be dragged out (see engine/drag-out.ts). */
  isDraggable(file: unknown): file is string;
  /** The image under the pointer while dragging. */
  iconPath: string;
}

export function registerIpc(
  dispatch: Dispatch,
  events: EventBus,
  isAppUrl: (url: string) => boolean,
  dragOut?: DragOut,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Only our own page may call the engine (not a frame or page that got navigated elsewhere).
    const url = event.senderFrame?.url ?? '';
    if (!isAppUrl(url)) {
      return { ok: false, error: { kind: 'unauthorized', message: 'Calls are accepted from the Motif studio only' } };
    }
    return dispatch(method, input);
  });
  // Drag-out must start while the drag gesture is live: a one-way message, not an invoke.
  ipcMain.on(IPC_DRAG_CHANNEL, (event, file: unknown) => {
    if (!dragOut || !isAppUrl(event.senderFrame?.url ?? '') || !dragOut.isDraggable(file)) return;
    const icon = nativeImage.createFromPath(dragOut.iconPath).resize({ width: 48, height: 48 });
    event.sender.startDrag({ file, icon });
  });
  const unsubscribe = events.subscribe((message) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeAllListeners(IPC_DRAG_CHANNEL);
  };
}
