/**
 * Chooses how the studio talks to the engine: the Electron preload bridge when the page runs in
 * the desktop shell, otherwise the HTTP bridge of the browser studio (same origin).
 */
import type { MotifBridge } from '../../../shared/api';
import type { PreloadBridge } from '../../../preload/index';
import type { ConnectionListener } from './connection';
import { createHttpBridge, type HttpBridgeOptions } from './httpBridge';

declare global {
  interface Window {
    /** Exposed by the preload script in the desktop shell; absent in the browser studio. */
    motif?: PreloadBridge;
  }
}

export interface Transport {
  kind: 'ipc' | 'http';
  bridge: MotifBridge;
  /** Reports the connection now and on every change; returns an unsubscribe. */
  watchConnection(listener: ConnectionListener): () => void;
}

/** IPC to main cannot drop while the window lives, so it is always connected. */
export function ipcTransport(bridge: MotifBridge): Transport {
  return {
    kind: 'ipc',
    bridge,
    watchConnection(listener) {
      listener('connected');
      return () => {};
    },
  };
}

export function httpTransport(options: HttpBridgeOptions = {}): Transport {
  const bridge = createHttpBridge(options);
  return { kind: 'http', bridge, watchConnection: (listener) => bridge.watchConnection(listener) };
}

export function selectTransport(host: Pick<Window, 'motif'> = window): Transport {
  return host.motif ? ipcTransport(host.motif) : httpTransport();
}

export { mediaUrl, mediaUrlFor } from './media-url';
