import { z } from 'zod';
import { apiContract, isApiMethod, type ApiMethod, type MotifBridge } from '../../../shared/api';
import { toApiErrorData, type Result } from '../../../shared/errors';
import type { EventBus } from '../events';
import type { Handlers } from './handlers';

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The single entry for every transport: validate the method name and the input against the
 * contract's schema, call the handler, and return a Result. Nothing throws across it.
 */
export function createDispatch(handlers: Handlers, onInternalError?: (error: unknown) => void): Dispatch {
  return async (method, input) => {
    if (!isApiMethod(method)) {
      return { ok: false, error: { kind: 'invalid-input', message: `Unknown API method: ${typeof method === 'string' ? method.slice(0, 80) : `(a ${typeof method})`}` } };
    }
    const parsed = apiContract[method].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      return {
        ok: false,
        error: { kind: 'invalid-input', message: `Invalid input for ${method}: ${z.prettifyError(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      const data = toApiErrorData(error);
      if (data.kind === 'internal') onInternalError?.(error);
      return { ok: false, error: data };
    }
  };
}

/** The in-process transport (tests, CLI): the same dispatch and events, no serialisation. */
export function directBridge(dispatch: Dispatch, events: EventBus): MotifBridge {
  return {
    call: (method, input) => dispatch(method, input),
    subscribe: (listener) => events.subscribe(listener),
  };
}

export type { ApiMethod };
