/**
 * The browser transport: calls go to the bridge server as `POST /api/call/<method>` and events
 * arrive over one EventSource. Authentication is the HttpOnly cookie the server already set, so
 * every request only needs `credentials: 'same-origin'`. Transport failures never throw: they
 * become an `unavailable` Result, exactly like an engine-side error would.
 */
// Types only: the contract module's values pull zod into the page, and the renderer needs none.
import type { ApiEventMessage, MotifBridge } from '../../../shared/api';
import { isApiErrorData, type Result } from '../../../shared/errors';
import type { ConnectionListener, ConnectionState } from './connection';

export interface HttpBridgeOptions {
  /** Prefix for the API routes; same origin by default. */
  baseUrl?: string;
  /** Injected for tests; defaults to the global at call time (so vi.stubGlobal works). */
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Delays (ms) before reopening an EventSource the browser gave up on. */
  retryDelaysMs?: readonly number[];
}

export interface HttpBridge extends MotifBridge {
  /** Reports the event stream's state now and on every change; returns an unsubscribe. */
  watchConnection(listener: ConnectionListener): () => void;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 15_000] as const;

function unavailable(message: string): Result<unknown> {
  return { ok: false, error: { kind: 'unavailable', message } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Accepts only the two Result shapes; anything else is not our engine talking. */
export function parseResult(body: unknown): Result<unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  if (record.ok === true && 'value' in record) return { ok: true, value: record.value };
  if (record.ok === false && isApiErrorData(record.error)) {
    return { ok: false, error: { kind: record.error.kind, message: record.error.message } };
  }
  return null;
}

export function parseEventMessage(data: unknown): ApiEventMessage | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const event = record.event;
  // Unknown event names are harmless: the client dispatches only to listeners of known ones.
  if (typeof event !== 'string' || !('payload' in record)) return null;
  return parsed as ApiEventMessage;
}

export function createHttpBridge(options: HttpBridgeOptions = {}): HttpBridge {
  const baseUrl = options.baseUrl ?? '';
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const listeners = new Set<(message: ApiEventMessage) => void>();
  const watchers = new Set<ConnectionListener>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryAttempt = 0;
  let state: ConnectionState = 'idle';

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const watcher of watchers) watcher(state);
  };

  const open = (): void => {
    const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
    if (typeof EventSourceImpl !== 'function') {
      setState('reconnecting');
      return;
    }
    const es = new EventSourceImpl(`${baseUrl}/api/events`);
    source = es;
    es.onopen = () => {
      retryAttempt = 0;
      setState('connected');
    };
    es.onmessage = (event: MessageEvent) => {
      const message = parseEventMessage(event.data);
      if (!message) return;
      for (const listener of [...listeners]) listener(message);
    };
    es.onerror = () => {
      setState('reconnecting');
      // The browser retries by itself while readyState is CONNECTING; once it gives up
      // (CLOSED, e.g. after an HTTP error status) we reopen with a growing delay.
      if (es.readyState === EventSourceImpl.CLOSED) scheduleReopen();
    };
  };

  const close = (): void => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    retryAttempt = 0;
    if (source) {
      source.onopen = null;
      source.onmessage = null;
      source.onerror = null;
      source.close();
    }
    source = null;
    setState('idle');
  };

  const scheduleReopen = (): void => {
    source?.close();
    source = null;
    if (retryTimer !== null || listeners.size === 0) return;
    const delay = retryDelays[Math.min(retryAttempt, retryDelays.length - 1)] ?? 5_000;
    retryAttempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (listeners.size > 0) open();
    }, delay);
  };

  return {
    async call(method: string, input: unknown): Promise<Result<unknown>> {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await fetchImpl(`${baseUrl}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return unavailable(`Cannot reach the engine (${describe(error)})`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return unavailable(`The engine sent a reply that is not JSON (HTTP ${response.status})`);
      }
      return parseResult(body) ?? unavailable(`The engine sent an unexpected reply (HTTP ${response.status})`);
    },

    subscribe(listener) {
      listeners.add(listener);
      if (!source && retryTimer === null) {
        setState('connecting');
        open();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },

    watchConnection(listener) {
      watchers.add(listener);
      listener(state);
      return () => {
        watchers.delete(listener);
      };
    },
  };
}
