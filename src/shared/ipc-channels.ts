/** Names of the IPC channels; only the two bridge modules (preload, shell/ipc) use them. */
export const IPC_CALL_CHANNEL = 'motif:call';
export const IPC_EVENT_CHANNEL = 'motif:event';
/** Renderer -> main: start dragging this file out of the window (Electron startDrag). */
export const IPC_DRAG_CHANNEL = 'motif:start-drag';
