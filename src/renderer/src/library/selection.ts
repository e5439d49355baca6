/**
 * Selection rules of a file manager, by index in the current result order:
 * click selects one; Ctrl/Cmd-click toggles one; Shift-click selects the range from the anchor
 * (replacing the selection); Ctrl/Cmd+Shift-click adds that range. The anchor moves on plain and
 * toggle clicks, never on range clicks, so repeated Shift-clicks pivot around one point.
 */
export interface ClickModifiers {
  shift?: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle?: boolean;
}

export type SelectionAction =
  | { kind: 'replace'; index: number; anchor: number }
  | { kind: 'toggle'; index: number; anchor: number }
  | { kind: 'range'; from: number; to: number; additive: boolean; anchor: number };

export function selectionAction(anchor: number | null, index: number, modifiers: ClickModifiers = {}): SelectionAction {
  if (modifiers.shift && anchor !== null) {
    return {
      kind: 'range',
      from: Math.min(anchor, index),
      to: Math.max(anchor, index),
      additive: modifiers.toggle === true,
      anchor,
    };
  }
  if (modifiers.toggle) return { kind: 'toggle', index, anchor: index };
  return { kind: 'replace', index, anchor: index };
}

/** The modifiers of a pointer or keyboard event, with Cmd standing in for Ctrl on macOS. */
export function modifiersOf(event: Pick<MouseEvent, 'shiftKey' | 'ctrlKey' | 'metaKey'>): ClickModifiers {
  return { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey };
}
