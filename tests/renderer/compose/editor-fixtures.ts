/** A clip editor over three notes (C, E, G a beat apart) and a one-line summary of its notes. */
import { ClipEditor, emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { note } from './fakes';

export function editorWith(
  notes = [note('a', 60, 0), note('b', 64, 480), note('c', 67, 960)],
  options: { historyLimit?: number } = {},
): ClipEditor {
  return new ClipEditor({ clip: emptyClip({ notes }), ...options });
}

export const summary = (editor: ClipEditor) => editor.notes.map((n) => `${n.id}:${n.pitch}@${n.tick}+${n.durationTicks}`);
