import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../src/renderer/src/lib/httpBridge';
import type { ConnectionState } from '../../src/renderer/src/lib/connection';
import { createClient } from '../../src/shared/client';
import { MotifError } from '../../src/shared/errors';
import { job } from './helpers/fixtures';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Stands in for the browser's EventSource; tests drive open/message/error by hand. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event('open'));
  }

  message(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  fail(readyState: number): void {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('HTTP bridge calls', () => {
  it('POSTs the input as JSON to /api/call/<method> with same-origin credentials', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ ok: true, value: [] }));
    vi.stubGlobal('fetch', fetchMock);

    const result = await createHttpBridge().call('jobs.list', { limit: 5 });

    expect(result).toEqual({ ok: true, value: [] });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/call/jobs.list');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(JSON.parse(String(init.body))).toEqual({ limit: 5 });
  });

  it('sends {} when the input is undefined', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ ok: true, value: null }));
    vi.stubGlobal('fetch', fetchMock);

    await createHttpBridge().call('system.info', undefined);

    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBe('{}');
  });

  it('passes an error Result through whatever the HTTP status', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse({ ok: false, error: { kind: 'invalid-input', message: 'limit: too big' } }, 400),
    );

    const result = await createHttpBridge().call('jobs.list', { limit: 5000 });

    expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'limit: too big' } });
  });

  it('maps a reply that is not JSON to unavailable', async () => {
    vi.stubGlobal('fetch', async () => new Response('<h1>Bad gateway</h1>', { status: 502 }));

    const result = await createHttpBridge().call('system.info', {});

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('unavailable');
      expect(result.error.message).toContain('502');
    }
  });

  it('maps a network failure to unavailable', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });

    const result = await createHttpBridge().call('system.info', {});

    expect(result).toEqual({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('Failed to fetch') },
    });
  });

  it('maps JSON that is not a Result to unavailable', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse({ hello: 'proxy' }));

    const result = await createHttpBridge().call('system.info', {});

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('unavailable');
  });

  it('surfaces as a MotifError of kind unavailable through the typed client', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    const client = createClient(createHttpBridge());

    const error: unknown = await client.call('system.info', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MotifError);
    expect((error as MotifError).kind).toBe('unavailable');
  });
});

describe('HTTP bridge events', () => {
  it('opens /api/events on first subscribe and dispatches parsed messages', () => {
    const bridge = createHttpBridge();
    const received: unknown[] = [];

    bridge.subscribe((message) => received.push(message));
    const source = FakeEventSource.instances[0];
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(source?.url).toBe('/api/events');

    source?.message(JSON.stringify({ event: 'job.updated', payload: job({ id: 4 }) }));
    source?.message('not json');
    source?.message(JSON.stringify({ payload: {} }));
    source?.message(JSON.stringify({ event: 'catalogue.changed' }));

    expect(received).toEqual([{ event: 'job.updated', payload: job({ id: 4 }) }]);
  });

  it('shares one EventSource and closes it when the last listener leaves', () => {
    const bridge = createHttpBridge();
    const stopA = bridge.subscribe(() => {});
    const stopB = bridge.subscribe(() => {});
    expect(FakeEventSource.instances).toHaveLength(1);

    stopA();
    expect(FakeEventSource.instances[0]?.closed).toBe(false);
    stopB();
    expect(FakeEventSource.instances[0]?.closed).toBe(true);
  });

  it('reports connecting → connected → reconnecting → connected', () => {
    const bridge = createHttpBridge();
    const states: ConnectionState[] = [];
    bridge.watchConnection((state) => states.push(state));

    bridge.subscribe(() => {});
    const source = FakeEventSource.instances[0];
    source?.open();
    source?.fail(FakeEventSource.CONNECTING); // the browser is retrying by itself
    source?.open();

    expect(states).toEqual(['idle', 'connecting', 'connected', 'reconnecting', 'connected']);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('reopens the stream itself after the browser gives up', () => {
    vi.useFakeTimers();
    const bridge = createHttpBridge({ retryDelaysMs: [500] });
    bridge.subscribe(() => {});
    FakeEventSource.instances[0]?.fail(FakeEventSource.CLOSED);

    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[1]?.url).toBe('/api/events');
  });

  it('stops listening after unsubscribe', () => {
    const bridge = createHttpBridge();
    const listener = vi.fn();
    const stop = bridge.subscribe(listener);
    const source = FakeEventSource.instances[0];
    stop();

    source?.message(JSON.stringify({ event: 'catalogue.changed', payload: { table: 'models' } }));

    expect(listener).not.toHaveBeenCalled();
  });
});
