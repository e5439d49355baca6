/**
 * The clip being edited in the piano roll: its notes, the selection, the tool and snap, the
 * clipboard and an undo history. Every edit replaces `notes` with a new array of immutable notes,
 * repairs same-pitch overlaps and records the state before it for undo. Drags are gestures: they
 * update `notes` live and land in the history once, when they end.
 */
import type { Clip, ClipNote } from '../../../shared/music';
import { type Snap, ceilTo, floorTo, quantiseSpan, roundTo, snapTicks, stepTicks } from './grid';
import { UndoHistory } from './history';
import {
  DEFAULT_BPM,
  DEFAULT_PPQ,
  MAX_BPM,
  MAX_PITCH,
  MIN_BPM,
  MIN_PITCH,
  type MusicalKey,
  clamp,
  clampPitch,
  clampVelocity,
  ticksPerBar,
  ticksPerBeat,
} from './music';
import { NoteIds, boundsOf, clearRange, idSet, noteEnd, notesEnd, repairOverlaps, sameNotes, sortNotes } from './notes';

export type Tool = 'select' | 'draw' | 'erase';
export const TOOLS: readonly Tool[] = ['select', 'draw', 'erase'];

export const DEFAULT_VELOCITY = 100;
export const DEFAULT_BARS = 4;
export const MAX_BARS = 512;
export const HISTORY_LIMIT = 200;

interface Snapshot {
  notes: readonly ClipNote[];
  lengthTicks: number;
  selection: readonly string[];
}

/** Notes copied, relative to the beat the first one starts in, and the span they cover. */
interface Clipboard {
  notes: readonly Omit<ClipNote, 'id'>[];
  span: number;
}

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

export interface ClipEditorOptions {
  clip?: Partial<Clip>;
  historyLimit?: number;
}

export function emptyClip(overrides: Partial<Clip> = {}): Clip {
  const ppq = overrides.ppq ?? DEFAULT_PPQ;
  const timeSignature = overrides.timeSignature ?? { numerator: 4, denominator: 4 };
  return {
    ppq,
    bpm: overrides.bpm ?? DEFAULT_BPM,
    timeSignature,
    key: overrides.key ?? null,
    notes: overrides.notes ?? [],
    lengthTicks: overrides.lengthTicks ?? ticksPerBar({ ppq, timeSignature }) * DEFAULT_BARS,
  };
}

export class ClipEditor {
  ppq = $state(DEFAULT_PPQ);
  bpm = $state(DEFAULT_BPM);
  timeSignature = $state.raw({ numerator: 4, denominator: 4 });
  key = $state.raw<MusicalKey | null>(null);
  lengthTicks = $state(DEFAULT_PPQ * 4 * DEFAULT_BARS);
  /** Sorted by onset, then pitch; never mutated in place. */
  notes = $state.raw<readonly ClipNote[]>([]);
  selection = $state.raw<ReadonlySet<string>>(idSet());
  tool = $state<Tool>('select');
  snap = $state<Snap>('1/16');
  loopStart = $state(0);
  loopEnd = $state(DEFAULT_PPQ * 4 * DEFAULT_BARS);
  /** Velocity of newly drawn notes. */
  drawVelocity = $state(DEFAULT_VELOCITY);
  canUndo = $state(false);
  canRedo = $state(false);
  hasClipboard = $state(false);

  selectedNotes: readonly ClipNote[] = $derived(this.notes.filter((n) => this.selection.has(n.id)));
  /** The snap step in ticks, or null when snap is off. */
  gridTicks: number | null = $derived(snapTicks(this.snap, this.ppq));
  beatTicks: number = $derived(ticksPerBeat(this));
  barTicks: number = $derived(ticksPerBar(this));

  #history: UndoHistory<Snapshot>;
  #ids = new NoteIds();
  #clipboard: Clipboard | null = null;
  #gesture: Gesture | null = null;

  constructor(options: ClipEditorOptions = {}) {
    this.#history = new UndoHistory<Snapshot>(options.historyLimit ?? HISTORY_LIMIT);
    this.load(emptyClip(options.clip));
  }

  /** The clip as plain data (for playback, the model and MIDI export). */
  get clip(): Clip {
    return {
      ppq: this.ppq,
      bpm: this.bpm,
      timeSignature: { ...this.timeSignature },
      key: this.key ? { ...this.key } : null,
      notes: this.notes.map((n) => ({ ...n })),
      lengthTicks: this.lengthTicks,
    };
  }

  get gesturing(): boolean {
    return this.#gesture !== null;
  }

  /** Grid step for keyboard nudges and new notes: the snap, or a sixteenth when snap is off. */
  get stepTicks(): number {
    return stepTicks(this.snap, this.ppq, Math.round(this.ppq / 4));
  }

  /** Replaces the whole clip (e.g. an imported file); clears the selection and the history. */
  load(clip: Clip): void {
    this.#gesture = null;
    this.ppq = clip.ppq > 0 ? clip.ppq : DEFAULT_PPQ;
    this.bpm = clamp(clip.bpm, MIN_BPM, MAX_BPM);
    this.timeSignature = { ...clip.timeSignature };
    this.key = clip.key ? { ...clip.key } : null;
    const seen: Record<string, true> = Object.create(null) as Record<string, true>;
    this.#ids = new NoteIds();
    this.#ids.reserve(clip.notes);
    const notes = clip.notes
      .filter((n) => n.durationTicks > 0)
      .map((n) => {
        const id = seen[n.id] || n.id === '' ? this.#ids.next() : n.id;
        seen[id] = true;
        return {
          id,
          pitch: clampPitch(n.pitch),
          tick: Math.max(0, Math.round(n.tick)),
          durationTicks: Math.round(n.durationTicks),
          velocity: clampVelocity(n.velocity),
        };
      });
    this.notes = repairOverlaps(notes);
    this.lengthTicks = Math.max(clip.lengthTicks, this.#minLength(this.notes));
    this.loopStart = 0;
    this.loopEnd = this.lengthTicks;
    this.selection = idSet();
    this.#history.clear();
    this.#syncHistory();
  }

  // ---- Settings (not part of the note history) ----

  setTool(tool: Tool): void {
    this.tool = tool;
  }

  setSnap(snap: Snap): void {
    this.snap = snap;
  }

  setKey(key: MusicalKey | null): void {
    this.key = key ? { tonic: ((key.tonic % 12) + 12) % 12, mode: key.mode } : null;
  }

  setBpm(bpm: number): void {
    if (Number.isFinite(bpm)) this.bpm = Math.round(clamp(bpm, MIN_BPM, MAX_BPM) * 100) / 100;
  }

  setTimeSignature(numerator: number, denominator: number): void {
    if (!Number.isInteger(numerator) || numerator < 1 || numerator > 32) return;
    if (![1, 2, 4, 8, 16, 32].includes(denominator)) return;
    this.timeSignature = { numerator, denominator };
  }

  /** Sets the loop range, snapped to the grid, at least one step long, inside the clip. */
  setLoop(start: number, end: number, free = false): void {
    const grid = free ? null : this.gridTicks;
    let a = Math.max(0, roundTo(Math.min(start, end), grid));
    let b = roundTo(Math.max(start, end), grid);
    const step = grid ?? 1;
    b = Math.min(Math.max(b, a + step), Math.max(this.lengthTicks, step));
    a = Math.min(a, b - step);
    this.loopStart = Math.max(0, a);
    this.loopEnd = b;
  }

  // ---- Selection ----

  select(ids: Iterable<string>): void {
    const valid = idSet(this.notes.map((n) => n.id));
    this.selection = idSet([...ids].filter((id) => valid.has(id)));
  }

  /** Click selection: replaces the selection, or toggles the note with Shift. */
  clickSelect(id: string, toggle: boolean): void {
    if (!toggle) {
      if (!this.selection.has(id)) this.select([id]);
      return;
    }
    this.select(this.selection.has(id) ? [...this.selection].filter((other) => other !== id) : [...this.selection, id]);
  }

  selectAll(): void {
    this.select(this.notes.map((n) => n.id));
  }

  clearSelection(): void {
    if (this.selection.size > 0) this.selection = idSet();
  }

  isSelected(id: string): boolean {
    return this.selection.has(id);
  }

  // ---- One-shot edits ----

  /** Adds a note (a grid step long at the nearest line before `tick` unless given) and selects it. */
  addNote(input: { tick: number; pitch: number; durationTicks?: number; velocity?: number }, free = false): ClipNote {
    const grid = free ? null : this.gridTicks;
    const note: ClipNote = {
      id: this.#ids.next(),
      pitch: clampPitch(input.pitch),
      tick: Math.max(0, floorTo(input.tick, grid)),
      durationTicks: Math.max(1, Math.round(input.durationTicks ?? this.stepTicks)),
      velocity: clampVelocity(input.velocity ?? this.drawVelocity),
    };
    this.#edit([...this.notes, note], idSet([note.id]));
    this.selection = idSet([note.id]);
    return note;
  }

  deleteSelected(): void {
    if (this.selection.size === 0) return;
    this.#edit(
      this.notes.filter((n) => !this.selection.has(n.id)),
      idSet(),
    );
    this.selection = idSet();
  }

  delete(ids: Iterable<string>): void {
    const gone = idSet(ids);
    if (!this.notes.some((n) => gone.has(n.id))) return;
    this.#edit(
      this.notes.filter((n) => !gone.has(n.id)),
      idSet(),
    );
    this.select([...this.selection].filter((id) => !gone.has(id)));
  }

  /** Moves the selection by whole ticks and semitones, clamped so every note stays in range. */
  moveSelected(deltaTick: number, deltaPitch: number): void {
    const selected = this.selectedNotes;
    const bounds = boundsOf(selected);
    if (!bounds) return;
    const dt = Math.max(-bounds.start, Math.round(deltaTick));
    const dp = clamp(Math.round(deltaPitch), MIN_PITCH - bounds.low, MAX_PITCH - bounds.high);
    if (dt === 0 && dp === 0) return;
    const moved = this.notes.map((n) =>
      this.selection.has(n.id) ? { ...n, tick: n.tick + dt, pitch: n.pitch + dp } : n,
    );
    this.#edit(moved, this.selection);
  }

  /** Transposes the selection, or every note when nothing is selected. */
  transpose(semitones: number): void {
    if (this.selection.size > 0) return this.moveSelected(0, semitones);
    const bounds = boundsOf(this.notes);
    if (!bounds) return;
    const dp = clamp(Math.round(semitones), MIN_PITCH - bounds.low, MAX_PITCH - bounds.high);
    if (dp === 0) return;
    this.#edit(
      this.notes.map((n) => ({ ...n, pitch: n.pitch + dp })),
      idSet(this.notes.map((n) => n.id)),
    );
  }

  /** Lengthens (or shortens) every selected note by `delta` ticks, never below one grid step. */
  resizeSelected(delta: number): void {
    if (this.selection.size === 0) return;
    const min = this.#minDuration(false);
    const resized = this.notes.map((n) =>
      this.selection.has(n.id) ? { ...n, durationTicks: Math.max(min, n.durationTicks + Math.round(delta)) } : n,
    );
    this.#edit(resized, this.selection);
  }

  setVelocity(ids: Iterable<string>, velocity: number): void {
    const target = idSet(ids);
    const v = clampVelocity(velocity);
    this.#edit(
      this.notes.map((n) => (target.has(n.id) ? { ...n, velocity: v } : n)),
      idSet(),
    );
  }

  /** Quantises onsets and ends of the selection (or of every note) to the snap grid. */
  quantise(): void {
    const grid = this.gridTicks;
    if (grid === null) return;
    const all = this.selection.size === 0;
    const quantised = this.notes.map((n) =>
      all || this.selection.has(n.id) ? { ...n, ...quantiseSpan(n.tick, n.durationTicks, grid) } : n,
    );
    this.#edit(quantised, all ? idSet(this.notes.map((n) => n.id)) : this.selection);
  }

  /**
   * Puts notes from elsewhere (a generated variation) into the clip as ONE undoable edit. With
   * `replace`, the notes starting in [from, to) give way and a note running into the range is cut
   * at `from`. The new notes get fresh ids, become the selection, and the clip grows to hold them.
   * Returns the notes as inserted.
   */
  insertNotes(notes: readonly Omit<ClipNote, 'id'>[], replace?: { from: number; to: number }): ClipNote[] {
    const placed: ClipNote[] = notes
      .filter((n) => n.durationTicks > 0)
      .map((n) => ({
        id: this.#ids.next(),
        pitch: clampPitch(n.pitch),
        tick: Math.max(0, Math.round(n.tick)),
        durationTicks: Math.max(1, Math.round(n.durationTicks)),
        velocity: clampVelocity(n.velocity),
      }));
    const kept = replace ? clearRange(this.notes, replace.from, replace.to) : this.notes;
    if (placed.length === 0 && kept === this.notes) return [];
    const ids = idSet(placed.map((n) => n.id));
    this.#edit([...kept, ...placed], ids);
    this.select(ids);
    return this.notes.filter((n) => ids.has(n.id));
  }

  /** Sets the clip length; it never cuts notes off (it stays at least the last note's bar end). */
  setLength(ticks: number): void {
    const before = this.#snapshot();
    const next = Math.min(
      Math.max(Math.round(ticks), this.#minLength(this.notes), this.barTicks),
      this.barTicks * MAX_BARS,
    );
    if (next === this.lengthTicks) return;
    this.lengthTicks = next;
    this.#clampLoop();
    this.#history.record(before);
    this.#syncHistory();
  }

  setLengthBars(bars: number): void {
    if (Number.isFinite(bars)) this.setLength(Math.round(bars) * this.barTicks);
  }

  // ---- Clipboard ----

  copy(): void {
    const selected = this.selectedNotes;
    const bounds = boundsOf(selected);
    if (!bounds) return;
    this.#clipboard = this.#clip(selected, bounds.start, bounds.end);
    this.hasClipboard = true;
  }

  cut(): void {
    if (this.selection.size === 0) return;
    this.copy();
    this.deleteSelected();
  }

  /**
   * Pastes the clipboard right after the selection (at the beat after its span) or, with nothing
   * selected, at `atTick` (the playhead) rounded down to the grid. The pasted notes become the selection.
   */
  paste(atTick = 0): void {
    const clipboard = this.#clipboard;
    if (!clipboard) return;
    this.#place(clipboard, this.#pasteTarget(atTick));
  }

  /** Copies the selection and places the copy right after it (the clipboard is left alone). */
  duplicate(): void {
    const selected = this.selectedNotes;
    const bounds = boundsOf(selected);
    if (!bounds) return;
    const copy = this.#clip(selected, bounds.start, bounds.end);
    this.#place(copy, floorTo(bounds.start, this.beatTicks) + copy.span);
  }

  // ---- Undo ----

  undo(): void {
    this.cancelGesture();
    const previous = this.#history.undo(this.#snapshot());
    if (previous) this.#restore(previous);
    this.#syncHistory();
  }

  redo(): void {
    this.cancelGesture();
    const next = this.#history.redo(this.#snapshot());
    if (next) this.#restore(next);
    this.#syncHistory();
  }

  get undoDepth(): number {
    return this.#history.undoDepth;
  }

  // ---- Gestures (pointer drags): live updates, one history entry when they end ----

  /** Starts dragging the selection (which must include `anchorId`); `copy` drags a copy, leaving the originals. */
  beginMove(anchorId: string, copy = false): void {
    const anchor = this.notes.find((n) => n.id === anchorId);
    if (!anchor) return;
    if (!this.selection.has(anchorId)) this.select([anchorId]);
    const before = this.#snapshot();
    let base: readonly ClipNote[];
    let moving = this.selectedNotes;
    let anchorNote = anchor;
    if (copy) {
      const clones = moving.map((n) => ({ ...n, id: this.#ids.next() }));
      anchorNote = clones[moving.findIndex((n) => n.id === anchorId)] ?? anchor;
      base = this.notes;
      moving = clones;
      this.notes = sortNotes([...base, ...clones]);
      this.selection = idSet(clones.map((n) => n.id));
    } else {
      base = this.notes.filter((n) => !this.selection.has(n.id));
    }
    this.#gesture = { kind: 'move', before, base, moving, anchor: anchorNote };
  }

  /**
   * Moves the dragged notes by a raw pointer delta. The anchor note's onset lands on the grid
   * (unless `free`); nothing leaves tick 0 or the pitch range.
   */
  updateMove(deltaTick: number, deltaPitch: number, free = false): void {
    const gesture = this.#gesture;
    if (gesture?.kind !== 'move') return;
    const bounds = boundsOf(gesture.moving);
    if (!bounds) return;
    const target = free
      ? Math.round(gesture.anchor.tick + deltaTick)
      : roundTo(gesture.anchor.tick + deltaTick, this.gridTicks);
    const dt = Math.max(-bounds.start, target - gesture.anchor.tick);
    const dp = clamp(Math.round(deltaPitch), MIN_PITCH - bounds.low, MAX_PITCH - bounds.high);
    const moved = gesture.moving.map((n) => ({ ...n, tick: n.tick + dt, pitch: n.pitch + dp }));
    this.notes = sortNotes([...gesture.base, ...moved]);
  }

  /** Starts dragging the right edge of the selection (which must include `anchorId`). */
  beginResize(anchorId: string): void {
    const anchor = this.notes.find((n) => n.id === anchorId);
    if (!anchor) return;
    if (!this.selection.has(anchorId)) this.select([anchorId]);
    this.#gesture = {
      kind: 'resize',
      before: this.#snapshot(),
      base: this.notes,
      anchor,
      minDuration: this.#minDuration(false),
      drawnAt: null,
    };
  }

  /**
   * Resizes by a raw pointer delta: the anchor's end lands on the nearest grid line (unless `free`);
   * every selected note changes by as much. A note being drawn ends at the grid line after the pointer.
   */
  updateResize(deltaTick: number, free = false): void {
    const gesture = this.#gesture;
    if (gesture?.kind !== 'resize') return;
    const end = noteEnd(gesture.anchor);
    const min = free ? this.#minDuration(true) : gesture.minDuration;
    let target: number;
    if (free) target = Math.round(gesture.drawnAt === null ? end + deltaTick : gesture.drawnAt + deltaTick);
    else if (gesture.drawnAt !== null) target = ceilTo(gesture.drawnAt + deltaTick, this.gridTicks);
    else target = roundTo(end + deltaTick, this.gridTicks);
    const delta = target - end;
    this.notes = gesture.base.map((n) =>
      this.selection.has(n.id) ? { ...n, durationTicks: Math.max(min, n.durationTicks + delta) } : n,
    );
  }

  /** Draws a note and starts resizing it, so dragging sets its length. */
  beginDraw(tick: number, pitch: number, free = false): ClipNote {
    const before = this.#snapshot();
    const grid = free ? null : this.gridTicks;
    const note: ClipNote = {
      id: this.#ids.next(),
      pitch: clampPitch(pitch),
      tick: Math.max(0, floorTo(tick, grid)),
      durationTicks: this.stepTicks,
      velocity: this.drawVelocity,
    };
    this.notes = sortNotes([...this.notes, note]);
    this.selection = idSet([note.id]);
    this.#gesture = {
      kind: 'resize',
      before,
      base: this.notes,
      anchor: note,
      minDuration: this.#minDuration(false),
      drawnAt: tick,
    };
    return note;
  }

  beginVelocity(): void {
    this.#gesture = { kind: 'velocity', before: this.#snapshot(), base: this.notes };
  }

  /** During a velocity drag: sets these notes' velocity. */
  paintVelocity(ids: Iterable<string>, velocity: number): void {
    if (this.#gesture?.kind !== 'velocity') return;
    const target = idSet(ids);
    const v = clampVelocity(velocity);
    this.notes = this.notes.map((n) => (target.has(n.id) && n.velocity !== v ? { ...n, velocity: v } : n));
  }

  /** During a velocity drag: sets each listed note's velocity. */
  paintVelocities(entries: readonly (readonly [id: string, velocity: number])[]): void {
    if (this.#gesture?.kind !== 'velocity' || entries.length === 0) return;
    const lookup: Record<string, number> = Object.fromEntries(entries);
    this.notes = this.notes.map((n) => {
      const v = Object.hasOwn(lookup, n.id) ? lookup[n.id] : undefined;
      return v === undefined || clampVelocity(v) === n.velocity ? n : { ...n, velocity: clampVelocity(v) };
    });
  }

  /** During a velocity drag: offsets these notes from their velocity when the drag began. */
  offsetVelocity(ids: Iterable<string>, delta: number): void {
    const gesture = this.#gesture;
    if (gesture?.kind !== 'velocity') return;
    const target = idSet(ids);
    const base: Record<string, number> = Object.fromEntries(gesture.base.map((n) => [n.id, n.velocity]));
    this.notes = this.notes.map((n) =>
      target.has(n.id)
        ? {
            ...n,
            velocity: clampVelocity((Object.hasOwn(base, n.id) ? (base[n.id] ?? n.velocity) : n.velocity) + delta),
          }
        : n,
    );
  }

  beginErase(): void {
    this.#gesture = { kind: 'erase', before: this.#snapshot() };
  }

  /** During an erase drag: removes these notes. */
  eraseLive(ids: Iterable<string>): void {
    if (this.#gesture?.kind !== 'erase') return;
    const gone = idSet(ids);
    if (!this.notes.some((n) => gone.has(n.id))) return;
    this.notes = this.notes.filter((n) => !gone.has(n.id));
    this.selection = idSet([...this.selection].filter((id) => !gone.has(id)));
  }

  /** Ends the drag: repairs overlaps (the dragged notes win) and records one undo step if anything changed. */
  endGesture(): void {
    const gesture = this.#gesture;
    if (!gesture) return;
    this.#gesture = null;
    const priority = gesture.kind === 'erase' || gesture.kind === 'velocity' ? idSet() : this.selection;
    this.#commit(gesture.before, this.notes, priority);
  }

  /** Abandons the drag and puts everything back. */
  cancelGesture(): void {
    const gesture = this.#gesture;
    if (!gesture) return;
    this.#gesture = null;
    this.#restore(gesture.before);
  }

  // ---- Internals ----

  #snapshot(): Snapshot {
    return { notes: this.notes, lengthTicks: this.lengthTicks, selection: [...this.selection] };
  }

  #restore(snapshot: Snapshot): void {
    this.notes = snapshot.notes;
    this.lengthTicks = snapshot.lengthTicks;
    this.selection = idSet(snapshot.selection);
    this.#clampLoop();
  }

  #syncHistory(): void {
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }

  /** Applies a one-shot edit. */
  #edit(next: readonly ClipNote[], priority: ReadonlySet<string>): void {
    this.cancelGesture();
    this.#commit(this.#snapshot(), next, priority);
  }

  #commit(before: Snapshot, next: readonly ClipNote[], priority: ReadonlySet<string>): void {
    const repaired = repairOverlaps(next, priority);
    this.notes = sameNotes(repaired, before.notes) ? before.notes : repaired;
    this.lengthTicks = Math.max(this.lengthTicks, this.#minLength(this.notes));
    this.select(this.selection);
    if (this.notes !== before.notes || this.lengthTicks !== before.lengthTicks) this.#history.record(before);
    this.#syncHistory();
  }

  /** The shortest clip that holds every note: whole bars, at least one. */
  #minLength(notes: readonly ClipNote[]): number {
    const bar = ticksPerBar(this);
    return Math.max(bar, ceilTo(notesEnd(notes), bar));
  }

  #minDuration(free: boolean): number {
    return free ? Math.max(1, Math.round(this.ppq / 32)) : this.stepTicks;
  }

  #clampLoop(): void {
    if (this.loopEnd > this.lengthTicks) this.loopEnd = this.lengthTicks;
    if (this.loopStart >= this.loopEnd) this.loopStart = 0;
  }

  /** Notes relative to the beat the first starts in; the span reaches the beat after the last ends. */
  #clip(notes: readonly ClipNote[], start: number, end: number): Clipboard {
    const origin = floorTo(start, this.beatTicks);
    return {
      notes: notes.map(({ pitch, tick, durationTicks, velocity }) => ({
        pitch,
        tick: tick - origin,
        durationTicks,
        velocity,
      })),
      span: Math.max(this.beatTicks, ceilTo(end, this.beatTicks) - origin),
    };
  }

  #pasteTarget(atTick: number): number {
    const bounds = boundsOf(this.selectedNotes);
    if (bounds)
      return (
        floorTo(bounds.start, this.beatTicks) +
        ceilTo(bounds.end - floorTo(bounds.start, this.beatTicks), this.beatTicks)
      );
    return Math.max(0, floorTo(atTick, this.gridTicks));
  }

  #place(clipboard: Clipboard, origin: number): void {
    const placed = clipboard.notes.map((n) => ({ ...n, id: this.#ids.next(), tick: n.tick + origin }));
    const ids = idSet(placed.map((n) => n.id));
    this.#edit([...this.notes, ...placed], ids);
    this.select(ids);
  }
}
