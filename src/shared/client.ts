import type { ApiEventMessage, ApiEventName, ApiEvents, MotifBridge, MotifClient } from './api';
import { MotifError } from './errors';

/** Wraps a raw bridge (IPC, HTTP or in-process) in the typed client. */
export function createClient(bridge: MotifBridge): MotifClient {
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  let unsubscribe: (() => void) | null = null;

  const dispatch = (message: ApiEventMessage): void => {
    for (const listener of listeners.get(message.event) ?? []) {
      (listener as (payload: unknown) => void)(message.payload);
    }
  };

  return {
    async call(method, input) {
      const result = await bridge.call(method, input);
      if (!result.ok) throw new MotifError(result.error.kind, result.error.message);
      return result.value as never;
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      unsubscribe ??= bridge.subscribe(dispatch);
      return () => {
        set.delete(listener as (payload: never) => void);
        const total = [...listeners.values()].reduce((n, s) => n + s.size, 0);
        if (total === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = null;
        }
      };
    },
  };
}
