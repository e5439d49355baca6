/** The piano roll's keyboard shortcuts: one table for the help popover, one function that runs them. */
import type { ClipEditor } from './editor.svelte';
import type { Transport } from './transport.svelte';
import { ZOOM_STEP, type Viewport } from './viewport.svelte';

export type KeyInput = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export interface ShortcutTarget {
  editor: ClipEditor;
  transport: Transport;
  viewport: Viewport;
}

export interface ShortcutHelp {
  /** Key names; `Mod` is shown as Ctrl or ⌘. */
  keys: string[];
  action: string;
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: ['Space'], action: 'Play / stop' },
  { keys: ['V'], action: 'Pointer tool' },
  { keys: ['D'], action: 'Pencil tool (draw notes)' },
  { keys: ['E'], action: 'Eraser tool' },
  { keys: ['Double-click'], action: 'Add a note (pointer tool)' },
  { keys: ['Shift', 'Click'], action: 'Add to / remove from the selection' },
  { keys: ['Alt', 'Drag'], action: 'Copy the dragged notes' },
  { keys: ['Mod', 'Drag'], action: 'Move or resize off the grid' },
  { keys: ['←', '→'], action: 'Move by one grid step' },
  { keys: ['↑', '↓'], action: 'Transpose a semitone' },
  { keys: ['Shift', '↑ ↓'], action: 'Transpose an octave' },
  { keys: ['Shift', '← →'], action: 'Shorten / lengthen' },
  { keys: ['Delete'], action: 'Delete the selection' },
  { keys: ['Q'], action: 'Quantise to the grid' },
  { keys: ['Mod', 'A'], action: 'Select all' },
  { keys: ['Mod', 'C / X / V'], action: 'Copy / cut / paste' },
  { keys: ['Mod', 'D'], action: 'Duplicate after the selection' },
  { keys: ['Mod', 'S'], action: 'Save to the catalogue' },
  { keys: ['Mod', 'Z'], action: 'Undo' },
  { keys: ['Mod', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
  { keys: ['L'], action: 'Loop on / off' },
  { keys: ['M'], action: 'Metronome on / off' },
  { keys: ['Home'], action: 'Playhead to the start' },
  { keys: ['+', '−'], action: 'Zoom in / out' },
  { keys: ['Mod', 'Wheel'], action: 'Zoom time; Alt+Wheel zooms pitch' },
  { keys: ['Shift', 'Wheel'], action: 'Scroll time' },
  { keys: ['Esc'], action: 'Clear the selection' },
];

/**
 * Runs the shortcut for `event`, if any. Returns true when it handled the key (the caller then
 * prevents the browser's default, e.g. Ctrl+D bookmarking or Space scrolling).
 */
export function runShortcut(event: KeyInput, target: ShortcutTarget): boolean {
  const { editor, transport, viewport } = target;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;

  if (mod && !event.altKey) {
    switch (key) {
      case 'a':
        editor.selectAll();
        return true;
      case 'c':
        editor.copy();
        return true;
      case 'x':
        editor.cut();
        return true;
      case 'v':
        editor.paste(transport.position);
        return true;
      case 'd':
        editor.duplicate();
        return true;
      case 'z':
        if (event.shiftKey) editor.redo();
        else editor.undo();
        return true;
      case 'y':
        editor.redo();
        return true;
      default:
        return false;
    }
  }
  if (mod || event.altKey) return false;

  const step = editor.stepTicks;
  switch (key) {
    case ' ':
      void transport.toggle();
      return true;
    case 'Delete':
    case 'Backspace':
      editor.deleteSelected();
      return true;
    case 'Escape':
      if (editor.gesturing) editor.cancelGesture();
      else editor.clearSelection();
      return true;
    case 'ArrowLeft':
    case 'ArrowRight': {
      if (editor.selection.size === 0) return false;
      const sign = key === 'ArrowLeft' ? -1 : 1;
      if (event.shiftKey) editor.resizeSelected(sign * step);
      else editor.moveSelected(sign * step, 0);
      return true;
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      if (editor.selection.size === 0) return false;
      const sign = key === 'ArrowUp' ? 1 : -1;
      editor.moveSelected(0, sign * (event.shiftKey ? 12 : 1));
      return true;
    }
    case 'v':
      editor.setTool('select');
      return true;
    case 'd':
      editor.setTool('draw');
      return true;
    case 'e':
      editor.setTool('erase');
      return true;
    case 'q':
      editor.quantise();
      return true;
    case 'l':
      transport.toggleLoop();
      return true;
    case 'm':
      transport.toggleMetronome();
      return true;
    case 'Home':
      transport.seek(0);
      viewport.scrollToTick(0);
      return true;
    case '+':
    case '=':
      viewport.zoomX(ZOOM_STEP);
      return true;
    case '-':
    case '_':
      viewport.zoomX(1 / ZOOM_STEP);
      return true;
    default:
      return false;
  }
}

/** Keys typed into a text field, or Space/Enter on a button, belong to that control, not to the editor. */
export function keyBelongsToControl(event: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  const element = event.target instanceof Element ? event.target : null;
  if (!element) return false;
  if (element.closest('input, textarea, select, [contenteditable="true"]')) return true;
  if ((event.key === ' ' || event.key === 'Enter') && element.closest('button, a[href], summary')) return true;
  return false;
}
