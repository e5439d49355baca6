/**
 * Pointer drags in the clip editor: moving, resizing, drawing, painting velocity and erasing.
 * A gesture updates the editor's notes live and lands in the history once, when it ends.
 */
import type { ClipNote } from '../../../shared/music';
import type { EditContext, Snapshot } from './clip-history';
import { minDuration } from './clip-limits';
import { ceilTo, floorTo, roundTo } from './grid';
import { MAX_PITCH, MIN_PITCH, clamp, clampPitch, clampVelocity } from './music';
import { boundsOf, idSet, noteEnd, sortNotes } from './notes';

type Gesture =
  | { kind: 'move'; before: Snapshot; base: readonly ClipNote[]; moving: readonly ClipNote[]; anchor: ClipNote }
  | {
      kind: 'resize';
      before: Snapshot;
      base: readonly ClipNote[];
      anchor: ClipNote;
      minDuration: number;
      /** Drawing: the tick pressed; the note then ends at the grid line after the pointer. */
      drawnAt: number | null;
    }
  | { kind: 'velocity'; before: Snapshot; base: readonly ClipNote[] }
  | { kind: 'erase'; before: Snapshot };

export class NoteGestures {
  readonly #context: EditContext;
  #gesture: Gesture | null = null;

  constructor(context: EditContext) {
    this.#context = context;
  }

  get active(): boolean {
    return this.#gesture !== null;
  }

  /** Drops the drag without putting anything back (the whole clip is being replaced). */
  forget(): void {
    this.#gesture = null;
  }

  /** Starts dragging the selection (which must include `anchorId`); `copy` drags a copy, leaving the originals. */
  beginMove(anchorId: string, copy: boolean): void {
    const { editor } = this.#context;
    const anchor = editor.notes.find((n) => n.id === anchorId);
    if (!anchor) return;
    if (!editor.selection.has(anchorId)) editor.select([anchorId]);
    const before = this.#context.history.snapshot();
    let base: readonly ClipNote[];
    let moving = editor.selectedNotes;
    let anchorNote = anchor;
    if (copy) {
      const clones = moving.map((n) => ({ ...n, id: this.#context.nextId() }));
      anchorNote = clones[moving.findIndex((n) => n.id === anchorId)] ?? anchor;
      base = editor.notes;
      moving = clones;
      editor.notes = sortNotes([...base, ...clones]);
      editor.selection = idSet(clones.map((n) => n.id));
    } else {
      base = editor.notes.filter((n) => !editor.selection.has(n.id));
    }
    this.#gesture = { kind: 'move', before, base, moving, anchor: anchorNote };
  }

  /**
   * Moves the dragged notes by a raw pointer delta. The anchor note's onset lands on the grid
   * (unless `free`); nothing leaves tick 0 or the pitch range.
   */
  updateMove(deltaTick: number, deltaPitch: number, free: boolean): void {
    const { editor } = this.#context;
    const gesture = this.#gesture;
    if (gesture?.kind !== 'move') return;
    const bounds = boundsOf(gesture.moving);
    if (!bounds) return;
    const target = free
      ? Math.round(gesture.anchor.tick + deltaTick)
      : roundTo(gesture.anchor.tick + deltaTick, editor.gridTicks);
    const dt = Math.max(-bounds.start, target - gesture.anchor.tick);
    const dp = clamp(Math.round(deltaPitch), MIN_PITCH - bounds.low, MAX_PITCH - bounds.high);
    const moved = gesture.moving.map((n) => ({ ...n, tick: n.tick + dt, pitch: n.pitch + dp }));
    editor.notes = sortNotes([...gesture.base, ...moved]);
  }

  /** Starts dragging the right edge of the selection (which must include `anchorId`). */
  beginResize(anchorId: string): void {
    const { editor } = this.#context;
    const anchor = editor.notes.find((n) => n.id === anchorId);
    if (!anchor) return;
    if (!editor.selection.has(anchorId)) editor.select([anchorId]);
    this.#gesture = {
      kind: 'resize',
      before: this.#context.history.snapshot(),
      base: editor.notes,
      anchor,
      minDuration: this.#minDuration(false),
      drawnAt: null,
    };
  }

  /**
   * Resizes by a raw pointer delta: the anchor's end lands on the nearest grid line (unless `free`);
   * every selected note changes by as much. A note being drawn ends at the grid line after the pointer.
   */
  updateResize(deltaTick: number, free: boolean): void {
    const gesture = this.#gesture;
    if (gesture?.kind !== 'resize') return;
    const { editor } = this.#context;
    const end = noteEnd(gesture.anchor);
    const min = free ? this.#minDuration(true) : gesture.minDuration;
    let target: number;
    if (free) target = Math.round(gesture.drawnAt === null ? end + deltaTick : gesture.drawnAt + deltaTick);
    else if (gesture.drawnAt !== null) target = ceilTo(gesture.drawnAt + deltaTick, editor.gridTicks);
    else target = roundTo(end + deltaTick, editor.gridTicks);
    const delta = target - end;
    editor.notes = gesture.base.map((n) =>
      editor.selection.has(n.id) ? { ...n, durationTicks: Math.max(min, n.durationTicks + delta) } : n,
    );
  }

  /** Draws a note and starts resizing it, so dragging sets its length. */
  beginDraw(tick: number, pitch: number, free: boolean): ClipNote {
    const { editor } = this.#context;
    const before = this.#context.history.snapshot();
    const grid = free ? null : editor.gridTicks;
    const note: ClipNote = {
      id: this.#context.nextId(),
      pitch: clampPitch(pitch),
      tick: Math.max(0, floorTo(tick, grid)),
      durationTicks: editor.stepTicks,
      velocity: editor.drawVelocity,
    };
    editor.notes = sortNotes([...editor.notes, note]);
    editor.selection = idSet([note.id]);
    this.#gesture = {
      kind: 'resize',
      before,
      base: editor.notes,
      anchor: note,
      minDuration: this.#minDuration(false),
      drawnAt: tick,
    };
    return note;
  }

  beginVelocity(): void {
    this.#gesture = { kind: 'velocity', before: this.#context.history.snapshot(), base: this.#context.editor.notes };
  }

  /** During a velocity drag: sets these notes' velocity. */
  paintVelocity(ids: Iterable<string>, velocity: number): void {
    if (this.#gesture?.kind !== 'velocity') return;
    const target = idSet(ids);
    const v = clampVelocity(velocity);
    const { editor } = this.#context;
    editor.notes = editor.notes.map((n) => (target.has(n.id) && n.velocity !== v ? { ...n, velocity: v } : n));
  }

  /** During a velocity drag: sets each listed note's velocity. */
  paintVelocities(entries: readonly (readonly [id: string, velocity: number])[]): void {
    const { editor } = this.#context;
    if (this.#gesture?.kind !== 'velocity' || entries.length === 0) return;
    const lookup: Record<string, number> = Object.fromEntries(entries);
    editor.notes = editor.notes.map((n) => {
      const v = Object.hasOwn(lookup, n.id) ? lookup[n.id] : undefined;
      return v === undefined || clampVelocity(v) === n.velocity ? n : { ...n, velocity: clampVelocity(v) };
    });
  }

  /** During a velocity drag: offsets these notes from their velocity when the drag began. */
  offsetVelocity(ids: Iterable<string>, delta: number): void {
    const { editor } = this.#context;
    const gesture = this.#gesture;
    if (gesture?.kind !== 'velocity') return;
    const target = idSet(ids);
    const base: Record<string, number> = Object.fromEntries(gesture.base.map((n) => [n.id, n.velocity]));
    editor.notes = editor.notes.map((n) =>
      target.has(n.id)
        ? {
            ...n,
            velocity: clampVelocity((Object.hasOwn(base, n.id) ? (base[n.id] ?? n.velocity) : n.velocity) + delta),
          }
        : n,
    );
  }

  beginErase(): void {
    this.#gesture = { kind: 'erase', before: this.#context.history.snapshot() };
  }

  /** During an erase drag: removes these notes. */
  eraseLive(ids: Iterable<string>): void {
    if (this.#gesture?.kind !== 'erase') return;
    const { editor } = this.#context;
    const gone = idSet(ids);
    if (!editor.notes.some((n) => gone.has(n.id))) return;
    editor.notes = editor.notes.filter((n) => !gone.has(n.id));
    editor.selection = idSet([...editor.selection].filter((id) => !gone.has(id)));
  }

  /** Ends the drag: repairs overlaps (the dragged notes win) and records one undo step if anything changed. */
  end(): void {
    const { editor } = this.#context;
    const gesture = this.#gesture;
    if (!gesture) return;
    this.#gesture = null;
    const priority = gesture.kind === 'erase' || gesture.kind === 'velocity' ? idSet() : editor.selection;
    this.#context.history.commit(gesture.before, editor.notes, priority);
  }

  /** Abandons the drag and puts everything back. */
  cancel(): void {
    const gesture = this.#gesture;
    if (!gesture) return;
    this.#gesture = null;
    this.#context.history.restore(gesture.before);
  }

  #minDuration(free: boolean): number {
    const { editor } = this.#context;
    return minDuration(free, editor.ppq, editor.stepTicks);
  }
}
