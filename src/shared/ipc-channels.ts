/** Names of the IPC channels; only the two bridge modules (preload, shell/ipc) use them. */
export const IPC_CALL_CHANNEL = 'motif:call';
export const IPC_EVENT_CHANNEL = 'motif:event';
