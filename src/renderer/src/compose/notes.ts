/** Pure operations on lists of clip notes. Notes are immutable: every change makes new objects. */
import type { ClipNote } from '../../../shared/music';

export function noteEnd(note: Pick<ClipNote, 'tick' | 'durationTicks'>): number {
  return note.tick + note.durationTicks;
}

/** Onset order, then pitch, then id: the order the editor keeps its notes in. */
export function compareNotes(a: ClipNote, b: ClipNote): number {
  return a.tick - b.tick || a.pitch - b.pitch || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortNotes(notes: readonly ClipNote[]): ClipNote[] {
  return [...notes].sort(compareNotes);
}

/** The end of the last note, 0 for none. */
export function notesEnd(notes: readonly ClipNote[]): number {
  let end = 0;
  for (const note of notes) end = Math.max(end, noteEnd(note));
  return end;
}

export interface NoteBounds {
  start: number;
  end: number;
  low: number;
  high: number;
}

export function boundsOf(notes: readonly ClipNote[]): NoteBounds | null {
  const first = notes[0];
  if (!first) return null;
  const bounds = { start: first.tick, end: noteEnd(first), low: first.pitch, high: first.pitch };
  for (const note of notes) {
    bounds.start = Math.min(bounds.start, note.tick);
    bounds.end = Math.max(bounds.end, noteEnd(note));
    bounds.low = Math.min(bounds.low, note.pitch);
    bounds.high = Math.max(bounds.high, note.pitch);
  }
  return bounds;
}

/** True when both lists hold the same notes with the same fields, in the same order. */
export function sameNotes(a: readonly ClipNote[], b: readonly ClipNote[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((note, i) => {
    const other = b[i];
    return (
      other !== undefined &&
      (note === other ||
        (note.id === other.id &&
          note.pitch === other.pitch &&
          note.tick === other.tick &&
          note.durationTicks === other.durationTicks &&
          note.velocity === other.velocity))
    );
  });
}

/**
 * Removes same-pitch overlaps, the way a MIDI file needs them.
 *
 * Notes in `priority` (the ones just edited) win: an older note under an edited one is shortened to
 * end where the edited one starts, or dropped if it started at the same tick. An older note that
 * starts inside an edited note is dropped if it ends inside it too, or else starts again where the
 * edited note ends. Between notes of equal standing the earlier note is shortened (notes with the
 * same onset keep the longest). Returns the repaired notes in editor order.
 */
export function repairOverlaps(notes: readonly ClipNote[], priority: ReadonlySet<string> = new Set()): ClipNote[] {
  const byPitch = new Map<number, ClipNote[]>();
  for (const note of notes) {
    const list = byPitch.get(note.pitch);
    if (list) list.push(note);
    else byPitch.set(note.pitch, [note]);
  }
  const order = (a: ClipNote, b: ClipNote): number =>
    a.tick - b.tick ||
    Number(priority.has(b.id)) - Number(priority.has(a.id)) ||
    b.durationTicks - a.durationTicks ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const out: ClipNote[] = [];
  for (const list of byPitch.values()) {
    if (list.length === 1) {
      out.push(...list);
      continue;
    }
    const pending = [...list].sort(order);
    const kept: ClipNote[] = [];
    while (pending.length > 0) {
      const next = pending.shift() as ClipNote;
      const last = kept[kept.length - 1];
      if (!last || noteEnd(last) <= next.tick) {
        kept.push(next);
        continue;
      }
      const lastWins = priority.has(last.id) && !priority.has(next.id);
      if (!lastWins && next.tick === last.tick) {
        // Same onset: the sort put the edited, then the longest note first; keep that one.
        if (priority.has(next.id) && !priority.has(last.id)) kept[kept.length - 1] = next;
        continue;
      }
      if (!lastWins) {
        // `last` started first: cut it where `next` starts.
        kept[kept.length - 1] = { ...last, durationTicks: next.tick - last.tick };
        kept.push(next);
        continue;
      }
      // An edited note covers the start of `next`: drop it (it started with or ends inside the
      // edited note), or keep the part after the edited note.
      if (next.tick === last.tick || noteEnd(next) <= noteEnd(last)) continue;
      const trimmed = { ...next, tick: noteEnd(last), durationTicks: noteEnd(next) - noteEnd(last) };
      const at = pending.findIndex((candidate) => order(trimmed, candidate) < 0);
      pending.splice(at === -1 ? pending.length : at, 0, trimmed);
    }
    out.push(...kept);
  }
  return out.sort(compareNotes);
}

/**
 * The notes with [from, to) cleared for new ones: notes starting inside it are dropped, and a note
 * running into it from before is cut at `from`. Returns `notes` itself when nothing changes.
 */
export function clearRange<T extends ClipNote>(notes: readonly T[], from: number, to: number): readonly T[] {
  if (to <= from || !notes.some((n) => (n.tick >= from && n.tick < to) || (n.tick < from && noteEnd(n) > from)))
    return notes;
  return notes
    .filter((n) => n.tick < from || n.tick >= to)
    .map((n) => (n.tick < from && noteEnd(n) > from ? { ...n, durationTicks: from - n.tick } : n));
}

/** An immutable set of note ids (selections are replaced, never changed in place). */
export function idSet(ids: Iterable<string> = []): ReadonlySet<string> {
  return new Set(ids);
}

/** Makes ids unique within one editor session: "n1", "n2", … */
export class NoteIds {
  #next = 1;

  next(): string {
    return `n${this.#next++}`;
  }

  /** Makes sure ids handed out later do not collide with `existing` ("n7" moves the counter past 7). */
  reserve(existing: readonly ClipNote[]): void {
    for (const note of existing) {
      const match = /^n(\d+)$/.exec(note.id);
      if (match) this.#next = Math.max(this.#next, Number(match[1]) + 1);
    }
  }
}
