/**
 * The preload bridge: the only code in the renderer's process that can talk to main. It exposes
 * exactly the MotifBridge transport (one call channel, one event channel) as `window.motif`.
 * Raw ipcRenderer use is confined to this file by lint.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiEventMessage, MotifBridge } from '../shared/api';
import { IPC_CALL_CHANNEL, IPC_DRAG_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc-channels';
import type { Result } from '../shared/errors';

const motifBridge = {
  call(method: string, input: unknown): Promise<Result<unknown>> {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
  subscribe(listener: (message: ApiEventMessage) => void): () => void {
    // Never hand the Electron event object to the page: forward only the message.
    const handler = (_event: IpcRendererEvent, message: ApiEventMessage): void => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
  /** Desktop only: drag this file (a catalogue item's or one Motif wrote) out of the window. */
  startDrag(filePath: string): void {
    ipcRenderer.send(IPC_DRAG_CHANNEL, String(filePath));
  },
  /** Desktop only: the path on disk of a File dropped on the page ('' when it has none). */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
} satisfies MotifBridge & Record<string, unknown>;

/** What the page sees as `window.motif`: the bridge, plus the desktop-only drag and drop helpers. */
export type PreloadBridge = MotifBridge & Partial<Omit<typeof motifBridge, keyof MotifBridge>>;

contextBridge.exposeInMainWorld('motif', motifBridge);
