/**
 * Errors the user must see. Every failed call ends up here with what the studio was trying to do.
 * The same failure hitting several calls (the engine being down, say) collapses into one toast
 * that lists what it affected, instead of a pile of identical ones.
 */
import { MotifError, toApiErrorData, type ApiErrorKind } from '../../../shared/errors';

export interface Toast {
  id: number;
  /** An error's kind, or 'success' for a notice that something worked (it goes away by itself). */
  kind: ApiErrorKind | 'success';
  title: string;
  /** The error itself, as the engine or the transport worded it. */
  message: string;
  /** What the studio was doing when it failed, e.g. "Could not load jobs"; distinct, oldest first. */
  actions: string[];
  /** How many times this error was reported. */
  count: number;
}

export const ERROR_TITLES: Record<ApiErrorKind, string> = {
  'invalid-input': 'Invalid request',
  'not-found': 'Not found',
  cancelled: 'Cancelled',
  conflict: 'Conflict',
  unauthorized: 'Not authorised',
  unavailable: 'Engine unavailable',
  internal: 'Engine error',
};

export type ReportError = (action: string, error: unknown) => void;

/** Tells the user something worked: a title and one line of detail. */
export type Notify = (title: string, message: string) => void;

/** How long a success notice stays, in milliseconds. */
export const NOTICE_MS = 4500;

export class ToastStore {
  items = $state.raw<Toast[]>([]);
  #nextId = 1;

  /** Shows `error` with the action that failed; MotifError's kind picks the title. */
  report: ReportError = (action, error) => {
    const data = error instanceof MotifError ? error.toData() : toApiErrorData(error);
    const existing = this.items.find((t) => t.kind === data.kind && t.message === data.message);
    if (existing) {
      const actions = existing.actions.includes(action) ? existing.actions : [...existing.actions, action];
      this.items = this.items.map((t) => (t === existing ? { ...t, actions, count: t.count + 1 } : t));
      return;
    }
    const toast: Toast = {
      id: this.#nextId++,
      kind: data.kind,
      title: ERROR_TITLES[data.kind],
      message: data.message,
      actions: [action],
      count: 1,
    };
    this.items = [...this.items, toast];
  };

  /** A success notice; it dismisses itself after NOTICE_MS. */
  notify: Notify = (title, message) => {
    const toast: Toast = { id: this.#nextId++, kind: 'success', title, message, actions: [title], count: 1 };
    this.items = [...this.items.filter((t) => !(t.kind === 'success' && t.title === title)), toast];
    setTimeout(() => this.dismiss(toast.id), NOTICE_MS);
  };

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }

  /** Drops every toast of `kind`, e.g. "unavailable" once the engine is back. */
  dismissKind(kind: ApiErrorKind): void {
    this.items = this.items.filter((t) => t.kind !== kind);
  }
}
