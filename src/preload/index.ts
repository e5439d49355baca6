/**
 * The preload bridge: the only code in the renderer's process that can talk to main. It exposes
 * exactly the MotifBridge transport (one call channel, one event channel) as `window.motif`.
 * Raw ipcRenderer use is confined to this file by lint.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventMessage, MotifBridge } from '../shared/api';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc-channels';
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
} satisfies MotifBridge;

export type PreloadBridge = typeof motifBridge;

contextBridge.exposeInMainWorld('motif', motifBridge);
