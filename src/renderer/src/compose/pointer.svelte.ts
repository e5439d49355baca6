/**
 * Turns pointer and wheel input on the piano-roll canvas (CSS pixels) into editor, transport and
 * viewport operations. Kept apart from the component so gestures can be tested with plain numbers.
 */
import type { ClipNote } from '../../../shared/music';
import type { ClipEditor } from './editor.svelte';
import { type Rect, hitNote, notesInBox, regionAt, velocityBarsAt, yToVelocity } from './geometry';
import { roundTo } from './grid';
import { MAX_PITCH, MIN_PITCH } from './music';
import type { Transport } from './transport.svelte';
import { ZOOM_STEP, type Viewport } from './viewport.svelte';

export interface PointerInput {
  x: number;
  y: number;
  shift?: boolean;
  alt?: boolean;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  /** Milliseconds (event.timeStamp), to recognise double-clicks. */
  time?: number;
}

export interface WheelInput {
  x: number;
  y: number;
  deltaX: number;
  deltaY: number;
  shift?: boolean;
  alt?: boolean;
  mod?: boolean;
}

type Drag =
  // Note and box drags keep their points in content coordinates (ticks, and pixels from the top
  // row), so scrolling during the drag, by wheel or at the edges, keeps them under the pointer.
  | { kind: 'notes'; tick0: number; cy0: number; resize: boolean }
  | { kind: 'marquee'; tick0: number; cy0: number; tick1: number; cy1: number; base: ReadonlySet<string> }
  | { kind: 'ruler'; x0: number; tick0: number; moved: boolean }
  | { kind: 'loop-edge'; edge: 'start' | 'end' }
  | { kind: 'velocity-offset'; y0: number; ids: readonly string[] }
  | { kind: 'velocity-paint'; x: number; y: number }
  | { kind: 'keys'; pitch: number }
  | { kind: 'erase' };

/** Pixels a press may move and still count as a click. */
const CLICK_SLOP = 4;
const DOUBLE_CLICK_MS = 400;
/** How close (px) to a loop edge in the ruler grabs it. */
const LOOP_EDGE_PX = 6;

export class PianoRollPointer {
  drag = $state.raw<Drag | null>(null);
  /** CSS cursor for the canvas. */
  cursor = $state('default');
  /** Pitch of the key being pressed on the keyboard, for highlighting it. */
  pressedKey = $state<number | null>(null);
  /** Pitch row under the pointer, for the keyboard highlight. */
  hoverPitch = $state<number | null>(null);

  readonly editor: ClipEditor;
  readonly viewport: Viewport;
  readonly transport: Transport;
  #lastDown: { x: number; y: number; time: number } | null = null;

  constructor(editor: ClipEditor, viewport: Viewport, transport: Transport) {
    this.editor = editor;
    this.viewport = viewport;
    this.transport = transport;
  }

  /** The box-select rectangle in CSS px, while one is being dragged. */
  get marquee(): Rect | null {
    const drag = this.drag;
    if (drag?.kind !== 'marquee') return null;
    const view = this.viewport;
    const x0 = view.tickToX(drag.tick0);
    const x1 = view.tickToX(drag.tick1);
    const y0 = drag.cy0 - view.scrollY;
    const y1 = drag.cy1 - view.scrollY;
    return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
  }

  down(input: PointerInput): void {
    const doubleClick = this.#isDoubleClick(input);
    const region = regionAt(this.viewport.layout, input.x, input.y);
    if (region === 'grid') this.#downGrid(input, doubleClick);
    else if (region === 'ruler') this.#downRuler(input);
    else if (region === 'velocity') this.#downVelocity(input);
    else if (region === 'keyboard') this.#downKeys(input);
    this.cursor = this.#cursorFor(input);
  }

  move(input: PointerInput): void {
    const drag = this.drag;
    const view = this.viewport;
    this.hoverPitch =
      regionAt(view.layout, input.x, input.y) === 'grid' || regionAt(view.layout, input.x, input.y) === 'keyboard'
        ? view.yToPitch(input.y)
        : null;
    if (!drag) {
      this.cursor = this.#cursorFor(input);
      return;
    }
    const editor = this.editor;
    switch (drag.kind) {
      case 'notes': {
        this.#autoScroll(input);
        const dTick = view.xToTick(input.x) - drag.tick0;
        const dPitch = view.yToPitch(input.y) - view.yToPitch(drag.cy0 - view.scrollY);
        const before = editor.selectedNotes;
        if (drag.resize) editor.updateResize(dTick, input.mod ?? false);
        else editor.updateMove(dTick, dPitch, input.mod ?? false);
        this.#previewPitchChange(before);
        break;
      }
      case 'marquee': {
        this.#autoScroll(input);
        const tick1 = view.xToTick(input.x);
        const cy1 = input.y + view.scrollY;
        this.drag = { ...drag, tick1, cy1 };
        const boxed = notesInBox(
          editor.notes,
          drag.tick0,
          tick1,
          view.yToPitch(drag.cy0 - view.scrollY),
          view.yToPitch(input.y),
        );
        editor.select([...drag.base, ...boxed.map((n) => n.id)]);
        break;
      }
      case 'ruler': {
        const moved = drag.moved || Math.abs(input.x - drag.x0) > CLICK_SLOP;
        if (moved) {
          if (!drag.moved) this.drag = { ...drag, moved };
          editor.setLoop(drag.tick0, view.xToTick(input.x), input.mod ?? false);
          this.transport.looping = true;
        }
        break;
      }
      case 'loop-edge': {
        const tick = view.xToTick(input.x);
        if (drag.edge === 'start')
          editor.setLoop(Math.min(tick, editor.loopEnd - 1), editor.loopEnd, input.mod ?? false);
        else editor.setLoop(editor.loopStart, Math.max(tick, editor.loopStart + 1), input.mod ?? false);
        break;
      }
      case 'velocity-offset': {
        const lane = view.layout.velocity;
        const delta = yToVelocity(lane, input.y) - yToVelocity(lane, drag.y0);
        editor.offsetVelocity(drag.ids, delta);
        break;
      }
      case 'velocity-paint':
        this.#paintBetween(drag.x, drag.y, input.x, input.y);
        this.drag = { kind: 'velocity-paint', x: input.x, y: input.y };
        break;
      case 'keys': {
        const pitch = view.yToPitch(input.y);
        if (pitch !== drag.pitch && pitch >= MIN_PITCH && pitch <= MAX_PITCH) {
          this.drag = { kind: 'keys', pitch };
          this.pressedKey = pitch;
          void this.transport.preview(pitch);
        }
        break;
      }
      case 'erase': {
        const hit = hitNote(view.view, editor.notes, editor.selection, input.x, input.y);
        if (hit) editor.eraseLive([hit.note.id]);
        break;
      }
    }
  }

  up(input: PointerInput): void {
    const drag = this.drag;
    this.drag = null;
    this.pressedKey = null;
    if (drag?.kind === 'ruler' && !drag.moved) {
      this.transport.seek(Math.max(0, roundTo(this.viewport.xToTick(input.x), this.editor.gridTicks)));
    }
    this.editor.endGesture();
    this.cursor = this.#cursorFor(input);
  }

  /** The pointer left or capture was lost: end the drag as it stands. */
  cancel(): void {
    this.drag = null;
    this.pressedKey = null;
    this.editor.endGesture();
  }

  leave(): void {
    this.hoverPitch = null;
  }

  wheel(input: WheelInput): void {
    const view = this.viewport;
    const primary = Math.abs(input.deltaY) >= Math.abs(input.deltaX) ? input.deltaY : input.deltaX;
    if (input.mod) {
      view.zoomX(ZOOM_STEP ** (-primary / 100), Math.max(input.x, view.layout.grid.x));
      return;
    }
    if (input.alt) {
      view.zoomY(ZOOM_STEP ** (-primary / 100), input.y);
      return;
    }
    if (input.shift) {
      view.scrollBy(primary, 0);
      return;
    }
    view.scrollBy(input.deltaX, input.deltaY);
  }

  #isDoubleClick(input: PointerInput): boolean {
    const time = input.time ?? 0;
    const last = this.#lastDown;
    this.#lastDown = { x: input.x, y: input.y, time };
    if (!last || input.time === undefined) return false;
    const quick = time - last.time <= DOUBLE_CLICK_MS;
    const still = Math.abs(input.x - last.x) <= CLICK_SLOP && Math.abs(input.y - last.y) <= CLICK_SLOP;
    if (quick && still) {
      this.#lastDown = null;
      return true;
    }
    return false;
  }

  #downGrid(input: PointerInput, doubleClick: boolean): void {
    const { editor, viewport: view } = this;
    const hit = hitNote(view.view, editor.notes, editor.selection, input.x, input.y);
    const tick = view.xToTick(input.x);
    const pitch = view.yToPitch(input.y);
    const free = input.mod ?? false;

    if (editor.tool === 'erase') {
      editor.beginErase();
      if (hit) editor.eraseLive([hit.note.id]);
      this.drag = { kind: 'erase' };
      return;
    }
    if (hit) {
      if (doubleClick && editor.tool === 'select') {
        editor.delete([hit.note.id]);
        return;
      }
      if (input.shift && hit.part === 'body') {
        editor.clickSelect(hit.note.id, true);
        if (!editor.isSelected(hit.note.id)) return;
      } else {
        editor.clickSelect(hit.note.id, false);
      }
      if (hit.part === 'end') editor.beginResize(hit.note.id);
      else {
        editor.beginMove(hit.note.id, input.alt ?? false);
        void this.transport.preview(hit.note.pitch, hit.note.velocity);
      }
      this.drag = { kind: 'notes', tick0: tick, cy0: input.y + view.scrollY, resize: hit.part === 'end' };
      return;
    }
    if (pitch < MIN_PITCH || pitch > MAX_PITCH) return;
    if (editor.tool === 'draw' || doubleClick) {
      const note = editor.beginDraw(tick, pitch, free);
      void this.transport.preview(note.pitch, note.velocity);
      this.drag = { kind: 'notes', tick0: tick, cy0: input.y + view.scrollY, resize: true };
      return;
    }
    if (!input.shift) editor.clearSelection();
    const cy = input.y + view.scrollY;
    this.drag = { kind: 'marquee', tick0: tick, cy0: cy, tick1: tick, cy1: cy, base: editor.selection };
  }

  #downRuler(input: PointerInput): void {
    const { editor, viewport: view } = this;
    const startX = view.tickToX(editor.loopStart);
    const endX = view.tickToX(editor.loopEnd);
    if (Math.abs(input.x - endX) <= LOOP_EDGE_PX) this.drag = { kind: 'loop-edge', edge: 'end' };
    else if (Math.abs(input.x - startX) <= LOOP_EDGE_PX) this.drag = { kind: 'loop-edge', edge: 'start' };
    else this.drag = { kind: 'ruler', x0: input.x, tick0: view.xToTick(input.x), moved: false };
  }

  #downVelocity(input: PointerInput): void {
    const { editor, viewport: view } = this;
    const bars = velocityBarsAt(view.view, editor.notes, input.x);
    const selectedBar = bars.find((n) => editor.isSelected(n.id));
    editor.beginVelocity();
    if (selectedBar && editor.selection.size > 1) {
      this.drag = { kind: 'velocity-offset', y0: input.y, ids: [...editor.selection] };
      return;
    }
    const target = selectedBar ? [selectedBar] : bars;
    editor.paintVelocity(
      target.map((n) => n.id),
      yToVelocity(view.layout.velocity, input.y),
    );
    this.drag = { kind: 'velocity-paint', x: input.x, y: input.y };
  }

  #downKeys(input: PointerInput): void {
    const pitch = this.viewport.yToPitch(input.y);
    if (pitch < MIN_PITCH || pitch > MAX_PITCH) return;
    this.pressedKey = pitch;
    this.drag = { kind: 'keys', pitch };
    void this.transport.preview(pitch);
  }

  /** Dragging past the grid's edges scrolls it, a little more the further past. */
  #autoScroll(input: PointerInput): void {
    const { grid } = this.viewport.layout;
    const edge = 14;
    const step = (over: number): number => Math.sign(over) * Math.min(30, Math.abs(over) * 0.6 + 4);
    let dx = 0;
    let dy = 0;
    if (input.x > grid.x + grid.w - edge) dx = step(input.x - (grid.x + grid.w - edge));
    else if (input.x < grid.x + 2) dx = step(input.x - (grid.x + 2));
    if (input.y > grid.y + grid.h - edge) dy = step(input.y - (grid.y + grid.h - edge));
    else if (input.y < grid.y + edge) dy = step(input.y - (grid.y + edge));
    if (dx !== 0 || dy !== 0) this.viewport.scrollBy(dx, dy);
  }

  /** Sets the velocity of every bar between two pointer positions, along the line between them. */
  #paintBetween(x0: number, y0: number, x1: number, y1: number): void {
    const { editor, viewport: view } = this;
    const lane = view.layout.velocity;
    const lo = Math.min(x0, x1) - 4;
    const hi = Math.max(x0, x1) + 4;
    const entries: [string, number][] = [];
    for (const note of editor.notes) {
      const x = view.tickToX(note.tick);
      if (x < lo || x > hi) continue;
      const t = x1 === x0 ? 1 : Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
      entries.push([note.id, yToVelocity(lane, y0 + (y1 - y0) * t)]);
    }
    editor.paintVelocities(entries);
  }

  /** While dragging notes up or down, sounds the anchor's new pitch. */
  #previewPitchChange(before: readonly ClipNote[]): void {
    const drag = this.drag;
    if (drag?.kind !== 'notes') return;
    const after = this.editor.selectedNotes;
    if (after.length === 0 || before.length === 0) return;
    const shift = (after[0]?.pitch ?? 0) - (before[0]?.pitch ?? 0);
    if (shift === 0) return;
    const lead = after[0] as ClipNote;
    void this.transport.preview(lead.pitch, lead.velocity);
  }

  #cursorFor(input: PointerInput): string {
    const drag = this.drag;
    if (drag?.kind === 'notes') return drag.resize ? 'ew-resize' : 'grabbing';
    if (drag?.kind === 'loop-edge') return 'ew-resize';
    if (drag?.kind === 'marquee') return 'crosshair';
    const { editor, viewport: view } = this;
    const region = regionAt(view.layout, input.x, input.y);
    if (region === 'keyboard') return 'pointer';
    if (region === 'velocity') return 'ns-resize';
    if (region === 'ruler') {
      const near = (tick: number): boolean => Math.abs(input.x - view.tickToX(tick)) <= LOOP_EDGE_PX;
      return near(editor.loopStart) || near(editor.loopEnd) ? 'ew-resize' : 'pointer';
    }
    if (region !== 'grid') return 'default';
    if (editor.tool === 'erase') return 'crosshair';
    const hit = hitNote(view.view, editor.notes, editor.selection, input.x, input.y);
    if (hit) return hit.part === 'end' ? 'ew-resize' : 'grab';
    return editor.tool === 'draw' ? 'crosshair' : 'default';
  }
}
