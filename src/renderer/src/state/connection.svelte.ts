import type { ConnectionState } from '../lib/connection';

/** The engine connection as the status bar shows it. */
export class ConnectionStore {
  state = $state<ConnectionState>('connecting');
  /** Only a lost connection counts as disconnected; the first connect is not an outage. */
  disconnected = $derived(this.state === 'reconnecting');
  label = $derived(
    this.state === 'connected'
      ? 'Engine connected'
      : this.state === 'reconnecting'
        ? 'Engine disconnected — reconnecting…'
        : this.state === 'connecting'
          ? 'Connecting to engine…'
          : 'Engine idle',
  );
}
