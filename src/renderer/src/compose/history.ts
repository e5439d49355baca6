/**
 * A bounded undo/redo history of immutable snapshots. The owner records the state *before* each
 * edit; undo hands back the state to restore and keeps the current one for redo.
 */
export class UndoHistory<T> {
  #past: T[] = [];
  #future: T[] = [];
  readonly limit: number;

  constructor(limit = 200) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`history limit must be a positive integer, got ${limit}`);
    this.limit = limit;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  get undoDepth(): number {
    return this.#past.length;
  }

  get redoDepth(): number {
    return this.#future.length;
  }

  /** Records `before` as the state an undo returns to; a new edit clears the redo stack. */
  record(before: T): void {
    this.#past.push(before);
    if (this.#past.length > this.limit) this.#past.splice(0, this.#past.length - this.limit);
    this.#future = [];
  }

  /** The state to restore, given the current one (kept for redo); null when there is nothing to undo. */
  undo(current: T): T | null {
    const previous = this.#past.pop();
    if (previous === undefined) return null;
    this.#future.push(current);
    return previous;
  }

  redo(current: T): T | null {
    const next = this.#future.pop();
    if (next === undefined) return null;
    this.#past.push(current);
    return next;
  }

  clear(): void {
    this.#past = [];
    this.#future = [];
  }
}
