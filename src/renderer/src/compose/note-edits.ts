/**
 * One-shot note edits in the clip editor: add, delete, move, transpose, resize, set velocity,
 * quantise and insert. Each is one undoable step through the clip history.
 */
import type { ClipNote } from '../../../shared/music';
import type { EditContext } from './clip-history';
import { minDuration } from './clip-limits';
import { floorTo, quantiseSpan } from './grid';
import { MAX_PITCH, MIN_PITCH, clamp, clampPitch, clampVelocity } from './music';
import { boundsOf, clearRange, idSet } from './notes';

export class NoteEdits {
  readonly #context: EditContext;

  constructor(context: EditContext) {
    this.#context = context;
  }

  /** Adds a note (a grid step long at the nearest line before `tick` unless given) and selects it. */
  addNote(input: { tick: number; pitch: number; durationTicks?: number; velocity?: number }, free: boolean): ClipNote {
    const { editor } = this.#context;
    const grid = free ? null : editor.gridTicks;
    const note: ClipNote = {
      id: this.#context.nextId(),
      pitch: clampPitch(input.pitch),
      tick: Math.max(0, floorTo(input.tick, grid)),
      durationTicks: Math.max(1, Math.round(input.durationTicks ?? editor.stepTicks)),
      velocity: clampVelocity(input.velocity ?? editor.drawVelocity),
    };
    this.#context.history.edit([...editor.notes, note], idSet([note.id]));
    editor.selection = idSet([note.id]);
    return note;
  }

  deleteSelected(): void {
    const { editor } = this.#context;
    if (editor.selection.size === 0) return;
    this.#context.history.edit(
      editor.notes.filter((n) => !editor.selection.has(n.id)),
      idSet(),
    );
    editor.selection = idSet();
  }

  delete(ids: Iterable<string>): void {
    const { editor } = this.#context;
    const gone = idSet(ids);
    if (!editor.notes.some((n) => gone.has(n.id))) return;
    this.#context.history.edit(
      editor.notes.filter((n) => !gone.has(n.id)),
      idSet(),
    );
    editor.select([...editor.selection].filter((id) => !gone.has(id)));
  }

  /** Moves the selection by whole ticks and semitones, clamped so every note stays in range. */
  moveSelected(deltaTick: number, deltaPitch: number): void {
    const { editor } = this.#context;
    const bounds = boundsOf(editor.selectedNotes);
    if (!bounds) return;
    const dt = Math.max(-bounds.start, Math.round(deltaTick));
    const dp = clamp(Math.round(deltaPitch), MIN_PITCH - bounds.low, MAX_PITCH - bounds.high);
    if (dt === 0 && dp === 0) return;
    const moved = editor.notes.map((n) =>
      editor.selection.has(n.id) ? { ...n, tick: n.tick + dt, pitch: n.pitch + dp } : n,
    );
    this.#context.history.edit(moved, editor.selection);
  }

  /** Transposes the selection, or every note when nothing is selected. */
  transpose(semitones: number): void {
    const { editor } = this.#context;
    if (editor.selection.size > 0) return this.moveSelected(0, semitones);
    const bounds = boundsOf(editor.notes);
    if (!bounds) return;
    const dp = clamp(Math.round(semitones), MIN_PITCH - bounds.low, MAX_PITCH - bounds.high);
    if (dp === 0) return;
    this.#context.history.edit(
      editor.notes.map((n) => ({ ...n, pitch: n.pitch + dp })),
      idSet(editor.notes.map((n) => n.id)),
    );
  }

  /** Lengthens (or shortens) every selected note by `delta` ticks, never below one grid step. */
  resizeSelected(delta: number): void {
    const { editor } = this.#context;
    if (editor.selection.size === 0) return;
    const min = minDuration(false, editor.ppq, editor.stepTicks);
    const resized = editor.notes.map((n) =>
      editor.selection.has(n.id) ? { ...n, durationTicks: Math.max(min, n.durationTicks + Math.round(delta)) } : n,
    );
    this.#context.history.edit(resized, editor.selection);
  }

  setVelocity(ids: Iterable<string>, velocity: number): void {
    const target = idSet(ids);
    const v = clampVelocity(velocity);
    this.#context.history.edit(
      this.#context.editor.notes.map((n) => (target.has(n.id) ? { ...n, velocity: v } : n)),
      idSet(),
    );
  }

  /** Quantises onsets and ends of the selection (or of every note) to the snap grid. */
  quantise(): void {
    const { editor } = this.#context;
    const grid = editor.gridTicks;
    if (grid === null) return;
    const all = editor.selection.size === 0;
    const quantised = editor.notes.map((n) =>
      all || editor.selection.has(n.id) ? { ...n, ...quantiseSpan(n.tick, n.durationTicks, grid) } : n,
    );
    this.#context.history.edit(quantised, all ? idSet(editor.notes.map((n) => n.id)) : editor.selection);
  }

  /**
   * Puts notes from elsewhere (a generated variation) into the clip as ONE undoable edit. With
   * `replace`, the notes starting in [from, to) give way and a note running into the range is cut
   * at `from`. The new notes get fresh ids, become the selection, and the clip grows to hold them.
   * Returns the notes as inserted.
   */
  insertNotes(notes: readonly Omit<ClipNote, 'id'>[], replace?: { from: number; to: number }): ClipNote[] {
    const { editor } = this.#context;
    const placed: ClipNote[] = notes
      .filter((n) => n.durationTicks > 0)
      .map((n) => ({
        id: this.#context.nextId(),
        pitch: clampPitch(n.pitch),
        tick: Math.max(0, Math.round(n.tick)),
        durationTicks: Math.max(1, Math.round(n.durationTicks)),
        velocity: clampVelocity(n.velocity),
      }));
    const kept = replace ? clearRange(editor.notes, replace.from, replace.to) : editor.notes;
    if (placed.length === 0 && kept === editor.notes) return [];
    const ids = idSet(placed.map((n) => n.id));
    this.#context.history.edit([...kept, ...placed], ids);
    editor.select(ids);
    return editor.notes.filter((n) => ids.has(n.id));
  }
}
