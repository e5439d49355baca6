import { describe, expect, it } from 'vitest';
import { UndoHistory } from '../../../src/renderer/src/compose/history';
import {
  NoteIds,
  boundsOf,
  notesEnd,
  repairOverlaps,
  sameNotes,
  sortNotes,
} from '../../../src/renderer/src/compose/notes';
import { note } from './fakes';

const spans = (notes: { pitch: number; tick: number; durationTicks: number }[]) =>
  notes.map((n) => `${n.pitch}@${n.tick}+${n.durationTicks}`);

describe('repairOverlaps', () => {
  it('leaves notes alone when no same-pitch notes overlap', () => {
    const notes = [note('a', 60, 0, 480), note('b', 60, 480, 480), note('c', 62, 240, 960)];
    expect(repairOverlaps(notes)).toEqual(sortNotes(notes));
  });

  it('shortens the earlier of two overlapping notes to end where the later starts', () => {
    const repaired = repairOverlaps([note('a', 60, 0, 960), note('b', 60, 480, 480)]);
    expect(spans(repaired)).toEqual(['60@0+480', '60@480+480']);
  });

  it('keeps the longest of notes with the same onset', () => {
    const repaired = repairOverlaps([note('a', 60, 0, 240), note('b', 60, 0, 960)]);
    expect(repaired.map((n) => n.id)).toEqual(['b']);
  });

  it('lets an edited note win over an older one with the same onset', () => {
    const repaired = repairOverlaps([note('old', 60, 0, 960), note('new', 60, 0, 240)], new Set(['new']));
    expect(repaired.map((n) => n.id)).toEqual(['new']);
  });

  it('drops an older note that lies inside an edited one', () => {
    const repaired = repairOverlaps([note('edited', 60, 0, 1920), note('inside', 60, 480, 480)], new Set(['edited']));
    expect(spans(repaired)).toEqual(['60@0+1920']);
  });

  it('keeps the tail of an older note that outlasts an edited one', () => {
    const repaired = repairOverlaps([note('edited', 60, 0, 960), note('long', 60, 480, 960)], new Set(['edited']));
    expect(spans(repaired)).toEqual(['60@0+960', '60@960+480']);
    expect(repaired[1]?.id).toBe('long');
  });

  it('cuts an older note that an edited one starts inside of', () => {
    const repaired = repairOverlaps([note('older', 60, 0, 1920), note('edited', 60, 960, 480)], new Set(['edited']));
    expect(spans(repaired)).toEqual(['60@0+960', '60@960+480']);
  });

  it('handles a chain of overlaps and only touches same-pitch notes', () => {
    const repaired = repairOverlaps([
      note('a', 60, 0, 2000),
      note('b', 60, 100, 2000),
      note('c', 60, 200, 100),
      note('d', 64, 0, 5000),
    ]);
    expect(spans(repaired)).toEqual(['60@0+100', '64@0+5000', '60@100+100', '60@200+100']);
    for (const pitch of [60, 64]) {
      const same = repaired.filter((n) => n.pitch === pitch);
      for (let i = 1; i < same.length; i++)
        expect(same[i - 1]!.tick + same[i - 1]!.durationTicks).toBeLessThanOrEqual(same[i]!.tick);
    }
  });

  it('returns notes in onset, then pitch order', () => {
    const repaired = repairOverlaps([note('x', 70, 480), note('y', 50, 480), note('z', 60, 0)]);
    expect(repaired.map((n) => n.id)).toEqual(['z', 'y', 'x']);
  });
});

describe('note list helpers', () => {
  it('finds bounds and the end of the last note', () => {
    const notes = [note('a', 60, 240, 480), note('b', 72, 0, 120), note('c', 55, 960, 60)];
    expect(boundsOf(notes)).toEqual({ start: 0, end: 1020, low: 55, high: 72 });
    expect(boundsOf([])).toBeNull();
    expect(notesEnd(notes)).toBe(1020);
    expect(notesEnd([])).toBe(0);
  });

  it('compares note lists by value', () => {
    const a = [note('a', 60, 0)];
    expect(sameNotes(a, [note('a', 60, 0)])).toBe(true);
    expect(sameNotes(a, [note('a', 60, 0, 480, 99)])).toBe(false);
    expect(sameNotes(a, [note('b', 60, 0)])).toBe(false);
    expect(sameNotes(a, [])).toBe(false);
  });

  it('hands out ids past the ones already used', () => {
    const ids = new NoteIds();
    ids.reserve([note('n7', 60, 0), note('custom', 60, 0)]);
    expect(ids.next()).toBe('n8');
    expect(ids.next()).toBe('n9');
  });
});

describe('UndoHistory', () => {
  it('undoes and redoes in order, and a new edit clears the redo stack', () => {
    const history = new UndoHistory<number>();
    history.record(0);
    history.record(1);
    expect(history.undo(2)).toBe(1);
    expect(history.undo(1)).toBe(0);
    expect(history.undo(0)).toBeNull();
    expect(history.redo(0)).toBe(1);
    history.record(1);
    expect(history.canRedo).toBe(false);
    expect(history.redo(5)).toBeNull();
  });

  it('keeps at most `limit` states, dropping the oldest', () => {
    const history = new UndoHistory<number>(3);
    for (let i = 0; i < 10; i++) history.record(i);
    expect(history.undoDepth).toBe(3);
    expect(history.undo(10)).toBe(9);
    expect(history.undo(9)).toBe(8);
    expect(history.undo(8)).toBe(7);
    expect(history.undo(7)).toBeNull();
  });

  it('refuses a limit below one', () => {
    expect(() => new UndoHistory(0)).toThrow(RangeError);
  });
});
