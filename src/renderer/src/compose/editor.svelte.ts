/**
 * The clip being edited in the piano roll: its notes, the selection, the tool and snap, the
 * clipboard and an undo history. Every edit replaces `notes` with a new array of immutable notes,
 * repairs same-pitch overlaps and records the state before it for undo. Drags are gestures: they
 * update `notes` live and land in the history once, when they end.
 *
 * This class holds the state and the settings; the work is done by parts it composes: one-shot
 * edits (note-edits.ts), the clipboard (note-clipboard.ts), drags (note-gestures.ts) and the
 * undo history they all commit through (clip-history.ts).
 */
import type { Clip, ClipNote } from '../../../shared/music';
import { ClipHistory } from './clip-history';
import { clampLoop, minClipLength } from './clip-limits';
import { DEFAULT_BARS, emptyClip, loadedNotes } from './clip-load';
import { type Snap, roundTo, snapTicks, stepTicks } from './grid';
import { DEFAULT_BPM, DEFAULT_PPQ, MAX_BPM, MIN_BPM, type MusicalKey, clamp, ticksPerBar, ticksPerBeat } from './music';
import { NoteClipboard } from './note-clipboard';
import { NoteEdits } from './note-edits';
import { NoteGestures } from './note-gestures';
import { NoteIds, idSet, repairOverlaps } from './notes';

export type Tool = 'select' | 'draw' | 'erase';
export const TOOLS: readonly Tool[] = ['select', 'draw', 'erase'];

export const DEFAULT_VELOCITY = 100;
export { DEFAULT_BARS, emptyClip };
export const MAX_BARS = 512;
export const HISTORY_LIMIT = 200;

export interface ClipEditorOptions {
  clip?: Partial<Clip>;
  historyLimit?: number;
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

  #ids = new NoteIds();
  readonly #history: ClipHistory;
  readonly #edits: NoteEdits;
  readonly #clipboard: NoteClipboard;
  readonly #gestures: NoteGestures;

  constructor(options: ClipEditorOptions = {}) {
    this.#history = new ClipHistory(this, options.historyLimit ?? HISTORY_LIMIT, () => this.cancelGesture());
    const context = { editor: this, history: this.#history, nextId: (): string => this.#ids.next() };
    this.#edits = new NoteEdits(context);
    this.#clipboard = new NoteClipboard(context);
    this.#gestures = new NoteGestures(context);
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
    return this.#gestures.active;
  }

  /** Grid step for keyboard nudges and new notes: the snap, or a sixteenth when snap is off. */
  get stepTicks(): number {
    return stepTicks(this.snap, this.ppq, Math.round(this.ppq / 4));
  }

  /** Replaces the whole clip (e.g. an imported file); clears the selection and the history. */
  load(clip: Clip): void {
    this.#gestures.forget();
    this.ppq = clip.ppq > 0 ? clip.ppq : DEFAULT_PPQ;
    this.bpm = clamp(clip.bpm, MIN_BPM, MAX_BPM);
    this.timeSignature = { ...clip.timeSignature };
    this.key = clip.key ? { ...clip.key } : null;
    this.#ids = new NoteIds();
    this.#ids.reserve(clip.notes);
    this.notes = repairOverlaps(loadedNotes(clip.notes, this.#ids));
    this.lengthTicks = Math.max(clip.lengthTicks, minClipLength(this.notes, this));
    this.loopStart = 0;
    this.loopEnd = this.lengthTicks;
    this.selection = idSet();
    this.#history.clear();
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

  // ---- One-shot edits (see NoteEdits) ----

  /** Adds a note (a grid step long at the nearest line before `tick` unless given) and selects it. */
  addNote(input: { tick: number; pitch: number; durationTicks?: number; velocity?: number }, free = false): ClipNote {
    return this.#edits.addNote(input, free);
  }

  deleteSelected(): void {
    this.#edits.deleteSelected();
  }

  delete(ids: Iterable<string>): void {
    this.#edits.delete(ids);
  }

  /** Moves the selection by whole ticks and semitones, clamped so every note stays in range. */
  moveSelected(deltaTick: number, deltaPitch: number): void {
    this.#edits.moveSelected(deltaTick, deltaPitch);
  }

  /** Transposes the selection, or every note when nothing is selected. */
  transpose(semitones: number): void {
    this.#edits.transpose(semitones);
  }

  /** Lengthens (or shortens) every selected note by `delta` ticks, never below one grid step. */
  resizeSelected(delta: number): void {
    this.#edits.resizeSelected(delta);
  }

  setVelocity(ids: Iterable<string>, velocity: number): void {
    this.#edits.setVelocity(ids, velocity);
  }

  /** Quantises onsets and ends of the selection (or of every note) to the snap grid. */
  quantise(): void {
    this.#edits.quantise();
  }

  /** Puts notes from elsewhere (a generated variation) into the clip as ONE undoable edit. */
  insertNotes(notes: readonly Omit<ClipNote, 'id'>[], replace?: { from: number; to: number }): ClipNote[] {
    return this.#edits.insertNotes(notes, replace);
  }

  /** Sets the clip length; it never cuts notes off (it stays at least the last note's bar end). */
  setLength(ticks: number): void {
    const before = this.#history.snapshot();
    const next = Math.min(
      Math.max(Math.round(ticks), minClipLength(this.notes, this), this.barTicks),
      this.barTicks * MAX_BARS,
    );
    if (next === this.lengthTicks) return;
    this.lengthTicks = next;
    clampLoop(this);
    this.#history.record(before);
  }

  setLengthBars(bars: number): void {
    if (Number.isFinite(bars)) this.setLength(Math.round(bars) * this.barTicks);
  }

  // ---- Clipboard (see NoteClipboard) ----

  copy(): void {
    this.#clipboard.copy();
  }

  cut(): void {
    this.#clipboard.cut();
  }

  /** Pastes after the selection or, with nothing selected, at `atTick` (the playhead) on the grid. */
  paste(atTick = 0): void {
    this.#clipboard.paste(atTick);
  }

  /** Copies the selection and places the copy right after it (the clipboard is left alone). */
  duplicate(): void {
    this.#clipboard.duplicate();
  }

  // ---- Undo (see ClipHistory) ----

  undo(): void {
    this.#history.undo();
  }

  redo(): void {
    this.#history.redo();
  }

  get undoDepth(): number {
    return this.#history.undoDepth;
  }

  // ---- Gestures (pointer drags, see NoteGestures): live updates, one history entry when they end ----

  /** Starts dragging the selection (which must include `anchorId`); `copy` drags a copy, leaving the originals. */
  beginMove(anchorId: string, copy = false): void {
    this.#gestures.beginMove(anchorId, copy);
  }

  /** Moves the dragged notes by a raw pointer delta; the anchor's onset lands on the grid unless `free`. */
  updateMove(deltaTick: number, deltaPitch: number, free = false): void {
    this.#gestures.updateMove(deltaTick, deltaPitch, free);
  }

  /** Starts dragging the right edge of the selection (which must include `anchorId`). */
  beginResize(anchorId: string): void {
    this.#gestures.beginResize(anchorId);
  }

  /** Resizes by a raw pointer delta; the anchor's end lands on the grid unless `free`. */
  updateResize(deltaTick: number, free = false): void {
    this.#gestures.updateResize(deltaTick, free);
  }

  /** Draws a note and starts resizing it, so dragging sets its length. */
  beginDraw(tick: number, pitch: number, free = false): ClipNote {
    return this.#gestures.beginDraw(tick, pitch, free);
  }

  beginVelocity(): void {
    this.#gestures.beginVelocity();
  }

  /** During a velocity drag: sets these notes' velocity. */
  paintVelocity(ids: Iterable<string>, velocity: number): void {
    this.#gestures.paintVelocity(ids, velocity);
  }

  /** During a velocity drag: sets each listed note's velocity. */
  paintVelocities(entries: readonly (readonly [id: string, velocity: number])[]): void {
    this.#gestures.paintVelocities(entries);
  }

  /** During a velocity drag: offsets these notes from their velocity when the drag began. */
  offsetVelocity(ids: Iterable<string>, delta: number): void {
    this.#gestures.offsetVelocity(ids, delta);
  }

  beginErase(): void {
    this.#gestures.beginErase();
  }

  /** During an erase drag: removes these notes. */
  eraseLive(ids: Iterable<string>): void {
    this.#gestures.eraseLive(ids);
  }

  /** Ends the drag: repairs overlaps (the dragged notes win) and records one undo step if anything changed. */
  endGesture(): void {
    this.#gestures.end();
  }

  /** Abandons the drag and puts everything back. */
  cancelGesture(): void {
    this.#gestures.cancel();
  }
}
