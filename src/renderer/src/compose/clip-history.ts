/**
 * The clip editor's undo history. Every note change commits through here: it repairs same-pitch
 * overlaps, grows the clip to hold the notes and records the state before it as one undo step.
 * A snapshot holds the notes, the clip length and the selection.
 */
import type { ClipNote } from '../../../shared/music';
import { clampLoop, minClipLength } from './clip-limits';
import type { ClipEditor } from './editor.svelte';
import { UndoHistory } from './history';
import { idSet, repairOverlaps, sameNotes } from './notes';

export interface Snapshot {
  notes: readonly ClipNote[];
  lengthTicks: number;
  selection: readonly string[];
}

/** The editor state the history saves, restores and reports to. */
type HistoryHost = Pick<
  ClipEditor,
  | 'notes'
  | 'lengthTicks'
  | 'selection'
  | 'loopStart'
  | 'loopEnd'
  | 'canUndo'
  | 'canRedo'
  | 'ppq'
  | 'timeSignature'
  | 'select'
>;

/** The editor state its parts (one-shot edits, the clipboard, drags) read and update. */
export type NoteHost = Pick<
  ClipEditor,
  | 'notes'
  | 'selection'
  | 'selectedNotes'
  | 'gridTicks'
  | 'beatTicks'
  | 'stepTicks'
  | 'drawVelocity'
  | 'ppq'
  | 'hasClipboard'
  | 'select'
  | 'deleteSelected'
>;

/** What the editor hands each of its parts: its state, the history to commit through, fresh note ids. */
export interface EditContext {
  editor: NoteHost;
  history: ClipHistory;
  nextId: () => string;
}

export class ClipHistory {
  readonly #editor: HistoryHost;
  readonly #undo: UndoHistory<Snapshot>;
  /** Runs before a one-shot edit, an undo or a redo: abandons a drag in progress. */
  readonly #settle: () => void;

  constructor(editor: HistoryHost, limit: number, settle: () => void) {
    this.#editor = editor;
    this.#undo = new UndoHistory<Snapshot>(limit);
    this.#settle = settle;
  }

  get undoDepth(): number {
    return this.#undo.undoDepth;
  }

  snapshot(): Snapshot {
    const editor = this.#editor;
    return { notes: editor.notes, lengthTicks: editor.lengthTicks, selection: [...editor.selection] };
  }

  restore(snapshot: Snapshot): void {
    const editor = this.#editor;
    editor.notes = snapshot.notes;
    editor.lengthTicks = snapshot.lengthTicks;
    editor.selection = idSet(snapshot.selection);
    clampLoop(editor);
  }

  /** Records `before` as one undo step, for a change that is not a note edit (the clip length). */
  record(before: Snapshot): void {
    this.#undo.record(before);
    this.#sync();
  }

  clear(): void {
    this.#undo.clear();
    this.#sync();
  }

  /** Applies a one-shot edit. */
  edit(next: readonly ClipNote[], priority: ReadonlySet<string>): void {
    this.#settle();
    this.commit(this.snapshot(), next, priority);
  }

  /** Lands `next` (the `priority` notes win overlaps) and records `before` if anything changed. */
  commit(before: Snapshot, next: readonly ClipNote[], priority: ReadonlySet<string>): void {
    const editor = this.#editor;
    const repaired = repairOverlaps(next, priority);
    editor.notes = sameNotes(repaired, before.notes) ? before.notes : repaired;
    editor.lengthTicks = Math.max(editor.lengthTicks, minClipLength(editor.notes, editor));
    editor.select(editor.selection);
    if (editor.notes !== before.notes || editor.lengthTicks !== before.lengthTicks) this.#undo.record(before);
    this.#sync();
  }

  undo(): void {
    this.#settle();
    const previous = this.#undo.undo(this.snapshot());
    if (previous) this.restore(previous);
    this.#sync();
  }

  redo(): void {
    this.#settle();
    const next = this.#undo.redo(this.snapshot());
    if (next) this.restore(next);
    this.#sync();
  }

  #sync(): void {
    this.#editor.canUndo = this.#undo.canUndo;
    this.#editor.canRedo = this.#undo.canRedo;
  }
}
