/**
 * Errors cross every boundary (IPC, HTTP, worker messages) as this small union of plain data,
 * never as raw Error objects. The UI branches on `kind`.
 */
export const API_ERROR_KINDS = [
  'invalid-input',
  'not-found',
  'cancelled',
  'conflict',
  'unauthorized',
  'unavailable',
  'internal',
] as const;

export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export interface ApiErrorData {
  kind: ApiErrorKind;
  message: string;
}

/** A thrown error that carries an ApiErrorKind; services throw it, transports serialise it. */
export class MotifError extends Error {
  readonly kind: ApiErrorKind;

  constructor(kind: ApiErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MotifError';
    this.kind = kind;
  }

  toData(): ApiErrorData {
    return { kind: this.kind, message: this.message };
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.message === 'string' &&
    typeof v.kind === 'string' &&
    (API_ERROR_KINDS as readonly string[]).includes(v.kind)
  );
}

/** Turn anything thrown into the wire union. Unknown errors become `internal`. */
export function toApiErrorData(error: unknown): ApiErrorData {
  if (error instanceof MotifError) return error.toData();
  if (isApiErrorData(error)) return { kind: error.kind, message: error.message };
  if (error instanceof Error) return { kind: 'internal', message: error.message };
  return { kind: 'internal', message: String(error) };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };
