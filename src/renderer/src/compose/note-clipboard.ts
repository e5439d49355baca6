/**
 * The clip editor's clipboard: copy, cut, paste and duplicate. Copied notes are kept relative to
 * the beat the first one starts in, so a paste lands on the same beat positions.
 */
import type { ClipNote } from '../../../shared/music';
import type { EditContext } from './clip-history';
import { ceilTo, floorTo } from './grid';
import { boundsOf, idSet } from './notes';

/** Notes copied, relative to the beat the first one starts in, and the span they cover. */
interface Clipboard {
  notes: readonly Omit<ClipNote, 'id'>[];
  span: number;
}

export class NoteClipboard {
  readonly #context: EditContext;
  #clipboard: Clipboard | null = null;

  constructor(context: EditContext) {
    this.#context = context;
  }

  copy(): void {
    const { editor } = this.#context;
    const selected = editor.selectedNotes;
    const bounds = boundsOf(selected);
    if (!bounds) return;
    this.#clipboard = this.#clip(selected, bounds.start, bounds.end);
    editor.hasClipboard = true;
  }

  cut(): void {
    const { editor } = this.#context;
    if (editor.selection.size === 0) return;
    this.copy();
    editor.deleteSelected();
  }

  /**
   * Pastes the clipboard right after the selection (at the beat after its span) or, with nothing
   * selected, at `atTick` (the playhead) rounded down to the grid. The pasted notes become the selection.
   */
  paste(atTick: number): void {
    const clipboard = this.#clipboard;
    if (!clipboard) return;
    this.#place(clipboard, this.#pasteTarget(atTick));
  }

  /** Copies the selection and places the copy right after it (the clipboard is left alone). */
  duplicate(): void {
    const { editor } = this.#context;
    const selected = editor.selectedNotes;
    const bounds = boundsOf(selected);
    if (!bounds) return;
    const copy = this.#clip(selected, bounds.start, bounds.end);
    this.#place(copy, floorTo(bounds.start, editor.beatTicks) + copy.span);
  }

  /** Notes relative to the beat the first starts in; the span reaches the beat after the last ends. */
  #clip(notes: readonly ClipNote[], start: number, end: number): Clipboard {
    const beat = this.#context.editor.beatTicks;
    const origin = floorTo(start, beat);
    return {
      notes: notes.map(({ pitch, tick, durationTicks, velocity }) => ({
        pitch,
        tick: tick - origin,
        durationTicks,
        velocity,
      })),
      span: Math.max(beat, ceilTo(end, beat) - origin),
    };
  }

  #pasteTarget(atTick: number): number {
    const { editor } = this.#context;
    const bounds = boundsOf(editor.selectedNotes);
    if (bounds)
      return (
        floorTo(bounds.start, editor.beatTicks) +
        ceilTo(bounds.end - floorTo(bounds.start, editor.beatTicks), editor.beatTicks)
      );
    return Math.max(0, floorTo(atTick, editor.gridTicks));
  }

  #place(clipboard: Clipboard, origin: number): void {
    const { editor } = this.#context;
    const placed = clipboard.notes.map((n) => ({ ...n, id: this.#context.nextId(), tick: n.tick + origin }));
    const ids = idSet(placed.map((n) => n.id));
    this.#context.history.edit([...editor.notes, ...placed], ids);
    editor.select(ids);
  }
}
