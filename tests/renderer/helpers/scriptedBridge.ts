/**
 * An in-memory MotifBridge for renderer tests: records every call, answers from a script of
 * canned Results (or functions of the input), and lets a test push engine events.
 */
import type {
  ApiEventMessage,
  ApiEventName,
  ApiEvents,
  ApiInput,
  ApiMethod,
  ApiOutput,
  MotifBridge,
} from '../../../src/shared/api';
import type { ApiErrorKind, Result } from '../../../src/shared/errors';
import type { ConnectionListener, ConnectionState } from '../../../src/renderer/src/lib/connection';
import type { Transport } from '../../../src/renderer/src/lib/transport';

export interface RecordedCall {
  method: string;
  input: unknown;
}

type Responder = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export class ScriptedBridge implements MotifBridge {
  readonly calls: RecordedCall[] = [];
  readonly #script = new Map<string, Responder>();
  readonly #listeners = new Set<(message: ApiEventMessage) => void>();

  /** Answers `method` with `value` (or what `value(input)` returns) every time. */
  respond<M extends ApiMethod>(method: M, value: ApiOutput<M> | ((input: ApiInput<M>) => ApiOutput<M>)): this {
    this.#script.set(method, (input) => ({
      ok: true,
      value: typeof value === 'function' ? (value as (i: unknown) => unknown)(input) : value,
    }));
    return this;
  }

  /** Answers `method` with a failed Result. */
  fail(method: ApiMethod, kind: ApiErrorKind, message: string): this {
    this.#script.set(method, () => ({ ok: false, error: { kind, message } }));
    return this;
  }

  /** Holds `method`'s answer until the test resolves it, to script races. */
  defer<M extends ApiMethod>(method: M): { resolve: (value: ApiOutput<M>) => void } {
    let resolve: (value: ApiOutput<M>) => void = () => {};
    const pending = new Promise<Result<unknown>>((done) => {
      resolve = (value) => done({ ok: true, value });
    });
    this.#script.set(method, () => pending);
    return { resolve: (value) => resolve(value) };
  }

  callsTo(method: ApiMethod): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    this.calls.push({ method, input });
    const responder = this.#script.get(method);
    if (!responder) return { ok: false, error: { kind: 'not-found', message: `unscripted ${method}` } };
    return responder(input);
  }

  subscribe(listener: (message: ApiEventMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of [...this.#listeners]) listener({ event, payload } as ApiEventMessage);
  }
}

/** A transport over a scripted bridge whose connection state the test drives. */
export class ScriptedTransport implements Transport {
  readonly kind = 'http' as const;
  readonly bridge: ScriptedBridge;
  #state: ConnectionState;
  readonly #watchers = new Set<ConnectionListener>();

  constructor(bridge: ScriptedBridge = new ScriptedBridge(), state: ConnectionState = 'connected') {
    this.bridge = bridge;
    this.#state = state;
  }

  watchConnection(listener: ConnectionListener): () => void {
    this.#watchers.add(listener);
    listener(this.#state);
    return () => {
      this.#watchers.delete(listener);
    };
  }

  get watcherCount(): number {
    return this.#watchers.size;
  }

  setState(state: ConnectionState): void {
    this.#state = state;
    for (const watcher of this.#watchers) watcher(state);
  }
}

/** Lets pending promise callbacks (call → store update) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
