import { describe, expect, it } from 'vitest';
import { ClipEditor, emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { editorWith, summary } from './editor-fixtures';
import { note } from './fakes';

describe('ClipEditor defaults', () => {
  it('starts as an empty 4-bar 4/4 clip at 480 PPQ and 120 BPM, snapping to sixteenths', () => {
    const editor = new ClipEditor();
    expect(editor.clip).toEqual({
      ppq: 480,
      bpm: 120,
      timeSignature: { numerator: 4, denominator: 4 },
      key: null,
      notes: [],
      lengthTicks: 7680,
    });
    expect(editor.snap).toBe('1/16');
    expect(editor.gridTicks).toBe(120);
    expect([editor.loopStart, editor.loopEnd]).toEqual([0, 7680]);
    expect(editor.canUndo).toBe(false);
  });

  it('loads a clip: fixes duplicate ids, repairs overlaps, clears the history', () => {
    const editor = new ClipEditor();
    editor.addNote({ tick: 0, pitch: 60 });
    editor.load(emptyClip({ notes: [note('x', 60, 0, 960), note('x', 60, 480, 480), note('y', 200, -5, 100, 300)] }));
    expect(new Set(editor.notes.map((n) => n.id)).size).toBe(3);
    const sixties = editor.notes.filter((n) => n.pitch === 60);
    expect(sixties.map((n) => [n.tick, n.durationTicks])).toEqual([
      [0, 480],
      [480, 480],
    ]);
    expect(editor.notes.find((n) => n.id === 'y')).toMatchObject({ pitch: 127, tick: 0, velocity: 127 });
    expect(editor.canUndo).toBe(false);
  });

  it('hands out a plain copy of the clip', () => {
    const editor = editorWith();
    const clip = editor.clip;
    clip.notes[0]!.pitch = 10;
    expect(editor.notes[0]!.pitch).toBe(60);
  });

  it('clamps the tempo and refuses impossible time signatures', () => {
    const editor = new ClipEditor();
    editor.setBpm(1000);
    expect(editor.bpm).toBe(300);
    editor.setBpm(Number.NaN);
    expect(editor.bpm).toBe(300);
    editor.setTimeSignature(6, 8);
    expect(editor.timeSignature).toEqual({ numerator: 6, denominator: 8 });
    expect(editor.barTicks).toBe(1440);
    editor.setTimeSignature(0, 4);
    editor.setTimeSignature(4, 3);
    expect(editor.timeSignature).toEqual({ numerator: 6, denominator: 8 });
  });
});

describe('drawing notes', () => {
  it('adds a note of the snap length at the grid line before the click, and selects it', () => {
    const editor = new ClipEditor();
    const added = editor.addNote({ tick: 250, pitch: 62 });
    expect(added).toMatchObject({ tick: 240, durationTicks: 120, pitch: 62, velocity: 100 });
    expect([...editor.selection]).toEqual([added.id]);
    editor.setSnap('1/8T');
    const triplet = editor.addNote({ tick: 500, pitch: 64 });
    expect(triplet).toMatchObject({ tick: 480, durationTicks: 160 });
  });

  it('uses a sixteenth when snap is off, at the exact tick', () => {
    const editor = new ClipEditor();
    editor.setSnap('off');
    expect(editor.addNote({ tick: 250.4, pitch: 62 })).toMatchObject({ tick: 250, durationTicks: 120 });
  });

  it('draws with a drag: the note ends at the grid line after the pointer, in one undo step', () => {
    const editor = new ClipEditor();
    const drawn = editor.beginDraw(130, 60);
    expect(drawn).toMatchObject({ tick: 120, durationTicks: 120 });
    editor.updateResize(200); // pointer at 330 → ends at 360
    expect(editor.notes[0]).toMatchObject({ tick: 120, durationTicks: 240 });
    editor.updateResize(-500); // dragged back before the start: one step long
    expect(editor.notes[0]).toMatchObject({ durationTicks: 120 });
    editor.updateResize(760); // pointer at 890 → ends at 960
    editor.endGesture();
    expect(editor.notes[0]).toMatchObject({ tick: 120, durationTicks: 840 });
    expect(editor.undoDepth).toBe(1);
    editor.undo();
    expect(editor.notes).toEqual([]);
  });

  it('grows the clip to hold a note drawn past its end, in whole bars', () => {
    const editor = new ClipEditor();
    editor.addNote({ tick: 7680 + 100, pitch: 60, durationTicks: 480 });
    expect(editor.lengthTicks).toBe(7680 + 1920);
    editor.undo();
    expect(editor.lengthTicks).toBe(7680);
  });

  it('replaces a same-pitch note under a newly drawn one', () => {
    const editor = editorWith([note('long', 60, 0, 1920)]);
    editor.addNote({ tick: 960, pitch: 60, durationTicks: 240 });
    expect(summary(editor)).toEqual(['long:60@0+960', `${[...editor.selection][0]}:60@960+240`]);
  });
});

describe('selection', () => {
  it('selects with a click, toggles with Shift, selects all and clears', () => {
    const editor = editorWith();
    editor.clickSelect('a', false);
    expect([...editor.selection]).toEqual(['a']);
    editor.clickSelect('c', true);
    expect([...editor.selection].sort()).toEqual(['a', 'c']);
    editor.clickSelect('a', true);
    expect([...editor.selection]).toEqual(['c']);
    // A plain click on a note that is already selected keeps the selection (so a group can be dragged).
    editor.select(['a', 'b']);
    editor.clickSelect('b', false);
    expect([...editor.selection].sort()).toEqual(['a', 'b']);
    editor.selectAll();
    expect(editor.selection.size).toBe(3);
    editor.clearSelection();
    expect(editor.selection.size).toBe(0);
  });

  it('ignores ids of notes that do not exist', () => {
    const editor = editorWith();
    editor.select(['a', 'ghost']);
    expect([...editor.selection]).toEqual(['a']);
  });

  it('does not record selection changes as edits', () => {
    const editor = editorWith();
    editor.selectAll();
    editor.clearSelection();
    expect(editor.canUndo).toBe(false);
  });
});

describe('undo and redo', () => {
  it('walks back and forth through many edits', () => {
    const editor = new ClipEditor();
    const states: string[][] = [summary(editor)];
    for (let i = 0; i < 40; i++) {
      if (i % 4 === 3) {
        editor.selectAll();
        editor.moveSelected(0, 1);
      } else {
        editor.addNote({ tick: i * 240, pitch: 50 + i });
      }
      states.push(summary(editor));
    }
    for (let i = states.length - 2; i >= 0; i--) {
      editor.undo();
      expect(summary(editor)).toEqual(states[i]);
    }
    expect(editor.canUndo).toBe(false);
    for (let i = 1; i < states.length; i++) {
      editor.redo();
      expect(summary(editor)).toEqual(states[i]);
    }
    expect(editor.canRedo).toBe(false);
  });

  it('a new edit after undo drops the redo steps', () => {
    const editor = new ClipEditor();
    editor.addNote({ tick: 0, pitch: 60 });
    editor.addNote({ tick: 480, pitch: 62 });
    editor.undo();
    expect(editor.canRedo).toBe(true);
    editor.addNote({ tick: 960, pitch: 64 });
    expect(editor.canRedo).toBe(false);
    editor.redo();
    expect(editor.notes.map((n) => n.pitch)).toEqual([60, 64]);
  });

  it('keeps a bounded history', () => {
    const editor = new ClipEditor({ historyLimit: 5 });
    for (let i = 0; i < 12; i++) editor.addNote({ tick: i * 480, pitch: 60 });
    let undone = 0;
    while (editor.canUndo) {
      editor.undo();
      undone++;
    }
    expect(undone).toBe(5);
    expect(editor.notes).toHaveLength(7);
  });

  it('undo in the middle of a drag cancels the drag first', () => {
    const editor = editorWith();
    editor.addNote({ tick: 1920, pitch: 70 });
    editor.beginMove('a');
    editor.updateMove(960, 0);
    editor.undo();
    expect(editor.gesturing).toBe(false);
    expect(summary(editor)).toEqual(['a:60@0+480', 'b:64@480+480', 'c:67@960+480']);
  });

  it('undoes a length change', () => {
    const editor = new ClipEditor();
    editor.setLengthBars(8);
    expect(editor.lengthTicks).toBe(8 * 1920);
    editor.undo();
    expect(editor.lengthTicks).toBe(4 * 1920);
  });
});

describe('velocity', () => {
  it('sets velocities, clamped to 1-127', () => {
    const editor = editorWith();
    editor.setVelocity(['a', 'b'], 300);
    expect(editor.notes.map((n) => n.velocity)).toEqual([127, 127, 100]);
    editor.setVelocity(['c'], -3);
    expect(editor.notes.map((n) => n.velocity)).toEqual([127, 127, 1]);
    expect(editor.undoDepth).toBe(2);
  });

  it('paints and offsets velocities in one drag, one undo step', () => {
    const editor = editorWith([note('a', 60, 0, 480, 80), note('b', 64, 480, 480, 100), note('c', 67, 960, 480, 120)]);
    editor.beginVelocity();
    editor.paintVelocity(['a'], 40);
    editor.paintVelocities([
      ['b', 50],
      ['c', 60],
    ]);
    expect(editor.notes.map((n) => n.velocity)).toEqual([40, 50, 60]);
    editor.endGesture();
    expect(editor.undoDepth).toBe(1);

    editor.beginVelocity();
    editor.offsetVelocity(['a', 'b', 'c'], 10);
    editor.offsetVelocity(['a', 'b', 'c'], 80); // from the values when the drag began, not cumulative
    expect(editor.notes.map((n) => n.velocity)).toEqual([120, 127, 127]);
    editor.endGesture();
    editor.undo();
    expect(editor.notes.map((n) => n.velocity)).toEqual([40, 50, 60]);
  });

  it('ignores velocity painting outside a drag', () => {
    const editor = editorWith();
    editor.paintVelocity(['a'], 10);
    expect(editor.notes[0]?.velocity).toBe(100);
  });
});

describe('loop range and length', () => {
  it('sets the loop on the grid, in order, at least one step, inside the clip', () => {
    const editor = new ClipEditor();
    editor.setLoop(2000, 500);
    expect([editor.loopStart, editor.loopEnd]).toEqual([480, 2040]);
    editor.setLoop(1000, 1010);
    expect(editor.loopEnd - editor.loopStart).toBe(120);
    editor.setLoop(-500, 99999);
    expect([editor.loopStart, editor.loopEnd]).toEqual([0, 7680]);
    editor.setLoop(1001, 1999, true);
    expect([editor.loopStart, editor.loopEnd]).toEqual([1001, 1999]);
  });

  it('never shortens the clip below its last note, and pulls the loop in with it', () => {
    const editor = editorWith([note('a', 60, 3000, 480)]);
    editor.setLengthBars(1);
    expect(editor.lengthTicks).toBe(3840); // the note ends in bar 2
    expect(editor.loopEnd).toBe(3840);
    editor.setLengthBars(16);
    expect(editor.lengthTicks).toBe(16 * 1920);
    expect(editor.loopEnd).toBe(3840);
  });
});
