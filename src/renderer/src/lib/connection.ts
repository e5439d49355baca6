/** The state of the event stream between the studio and the engine. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export type ConnectionListener = (state: ConnectionState) => void;
