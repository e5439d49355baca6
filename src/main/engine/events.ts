import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../shared/api';

type Listener = (message: ApiEventMessage) => void;

/** Fan-out of engine events to every transport (IPC windows, SSE clients, tests). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    const message = { event, payload } as ApiEventMessage;
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch {
        // A broken subscriber (closed window, dropped SSE client) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get size(): number {
    return this.listeners.size;
  }
}
