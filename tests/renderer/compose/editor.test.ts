import { describe, expect, it } from 'vitest';
import { ClipEditor, emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { note } from './fakes';

function editorWith(
  notes = [note('a', 60, 0), note('b', 64, 480), note('c', 67, 960)],
  options: { historyLimit?: number } = {},
): ClipEditor {
  return new ClipEditor({ clip: emptyClip({ notes }), ...options });
}

const summary = (editor: ClipEditor) => editor.notes.map((n) => `${n.id}:${n.pitch}@${n.tick}+${n.durationTicks}`);

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

describe('moving and resizing', () => {
  it('drags the selection with the anchor snapped to the grid', () => {
    const editor = editorWith();
    editor.select(['a', 'b']);
    editor.beginMove('a');
    editor.updateMove(170, 2); // 170 ticks → nearest sixteenth is 120
    expect(summary(editor)).toEqual(['a:62@120+480', 'b:66@600+480', 'c:67@960+480']);
    editor.updateMove(250, -1);
    editor.endGesture();
    expect(summary(editor)).toEqual(['a:59@240+480', 'b:63@720+480', 'c:67@960+480']);
    expect(editor.undoDepth).toBe(1);
  });

  it('moves freely (tick by tick) when asked, and never before tick 0 or out of the pitch range', () => {
    const editor = editorWith([note('a', 60, 100), note('b', 120, 400)]);
    editor.selectAll();
    editor.beginMove('a');
    editor.updateMove(7, 0, true);
    expect(editor.notes.map((n) => n.tick)).toEqual([107, 407]);
    editor.updateMove(-5000, 50);
    expect(editor.notes.map((n) => [n.tick, n.pitch])).toEqual([
      [0, 67],
      [300, 127],
    ]);
    editor.updateMove(0, -500);
    expect(editor.notes.map((n) => n.pitch)).toEqual([0, 60]);
    editor.endGesture();
  });

  it('copies with an Alt-drag, leaving the originals', () => {
    const editor = editorWith();
    editor.select(['b']);
    editor.beginMove('b', true);
    editor.updateMove(960, 0);
    editor.endGesture();
    expect(editor.notes).toHaveLength(4);
    expect(editor.notes.find((n) => n.id === 'b')).toMatchObject({ tick: 480 });
    const copy = editor.selectedNotes[0];
    expect(copy).toMatchObject({ pitch: 64, tick: 1440 });
    expect(copy?.id).not.toBe('b');
    editor.undo();
    expect(summary(editor)).toEqual(['a:60@0+480', 'b:64@480+480', 'c:67@960+480']);
  });

  it('cancelling a drag puts everything back without a history entry', () => {
    const editor = editorWith();
    editor.beginMove('a');
    editor.updateMove(960, 5);
    editor.cancelGesture();
    expect(summary(editor)).toEqual(['a:60@0+480', 'b:64@480+480', 'c:67@960+480']);
    expect(editor.canUndo).toBe(false);
  });

  it('a drag that ends where it started records nothing', () => {
    const editor = editorWith();
    editor.beginMove('a');
    editor.updateMove(30, 0); // less than half a step
    editor.endGesture();
    expect(editor.canUndo).toBe(false);
  });

  it('repairs overlaps when a note is moved onto another of the same pitch', () => {
    const editor = editorWith([note('a', 60, 0, 480), note('b', 60, 960, 960)]);
    editor.select(['a']);
    editor.beginMove('a');
    editor.updateMove(1200, 0); // a → 1200..1680, inside b
    editor.endGesture();
    expect(summary(editor)).toEqual(['b:60@960+240', 'a:60@1200+480']);
  });

  it('resizes every selected note by the anchor’s snapped change, at least one step', () => {
    const editor = editorWith([note('a', 60, 0, 480), note('b', 64, 0, 240)]);
    editor.selectAll();
    editor.beginResize('a');
    editor.updateResize(250); // end 730 → 720: +240
    expect(editor.notes.map((n) => n.durationTicks)).toEqual([720, 480]);
    editor.updateResize(-1000);
    expect(editor.notes.map((n) => n.durationTicks)).toEqual([120, 120]);
    editor.endGesture();
    expect(editor.undoDepth).toBe(1);
  });

  it('moves and transposes from the keyboard', () => {
    const editor = editorWith();
    editor.select(['b']);
    editor.moveSelected(editor.stepTicks, 0);
    editor.moveSelected(0, 12);
    expect(editor.notes.find((n) => n.id === 'b')).toMatchObject({ tick: 600, pitch: 76 });
    editor.moveSelected(-10000, 100);
    expect(editor.notes.find((n) => n.id === 'b')).toMatchObject({ tick: 0, pitch: 127 });
    editor.resizeSelected(-10000);
    expect(editor.notes.find((n) => n.id === 'b')?.durationTicks).toBe(120);
  });

  it('transposes the selection, or every note when none is selected', () => {
    const editor = editorWith();
    editor.select(['a']);
    editor.transpose(-1);
    expect(editor.notes.map((n) => n.pitch)).toEqual([59, 64, 67]);
    editor.clearSelection();
    editor.transpose(12);
    expect(editor.notes.map((n) => n.pitch)).toEqual([71, 76, 79]);
    editor.transpose(100); // clamped so the highest stays at 127
    expect(Math.max(...editor.notes.map((n) => n.pitch))).toBe(127);
  });

  it('deletes the selection', () => {
    const editor = editorWith();
    editor.select(['a', 'c']);
    editor.deleteSelected();
    expect(summary(editor)).toEqual(['b:64@480+480']);
    expect(editor.selection.size).toBe(0);
    editor.undo();
    expect(editor.notes).toHaveLength(3);
    expect([...editor.selection].sort()).toEqual(['a', 'c']);
  });
});

describe('quantise', () => {
  it('quantises the selection only', () => {
    const editor = editorWith([note('a', 60, 130, 350), note('b', 64, 250, 100)]);
    editor.select(['a']);
    editor.quantise();
    expect(summary(editor)).toEqual(['a:60@120+360', 'b:64@250+100']);
  });

  it('quantises every note when nothing is selected, to the current grid', () => {
    const editor = editorWith([note('a', 60, 130, 350), note('b', 64, 250, 100)]);
    editor.setSnap('1/8');
    editor.quantise();
    expect(summary(editor)).toEqual(['a:60@240+240', 'b:64@240+240']);
    editor.undo();
    expect(summary(editor)).toEqual(['a:60@130+350', 'b:64@250+100']);
  });

  it('does nothing with snap off', () => {
    const editor = editorWith([note('a', 60, 130, 350)]);
    editor.setSnap('off');
    editor.quantise();
    expect(summary(editor)).toEqual(['a:60@130+350']);
    expect(editor.canUndo).toBe(false);
  });

  it('repairs overlaps that quantising creates', () => {
    const editor = editorWith([note('a', 60, 0, 200), note('b', 60, 230, 250)]);
    editor.setSnap('1/4');
    editor.quantise();
    // Both round to tick 0: the longer one wins.
    expect(editor.notes).toHaveLength(1);
  });
});

describe('clipboard', () => {
  it('pastes right after the selection, at the next beat after its span', () => {
    const editor = editorWith([note('a', 60, 0, 480), note('b', 62, 480, 360)]);
    editor.selectAll();
    editor.copy();
    editor.paste(5000);
    // The span 0..840 rounds up to two beats, so the copy starts at beat 3.
    const pasted = editor.selectedNotes;
    expect(pasted.map((n) => [n.pitch, n.tick, n.durationTicks])).toEqual([
      [60, 960, 480],
      [62, 1440, 360],
    ]);
    // Pasting again continues after the pasted notes.
    editor.paste(5000);
    expect(editor.selectedNotes.map((n) => n.tick)).toEqual([1920, 2400]);
    expect(editor.notes).toHaveLength(6);
  });

  it('pastes at the playhead (down to the grid) when nothing is selected, keeping the offset within the beat', () => {
    const editor = editorWith([note('a', 60, 600, 240)]);
    editor.select(['a']);
    editor.cut();
    expect(editor.notes).toEqual([]);
    editor.paste(3900); // grid line 3840, plus the note's 120 past its beat
    expect(editor.notes.map((n) => n.tick)).toEqual([3960]);
  });

  it('gives pasted notes fresh ids and leaves an empty clipboard alone', () => {
    const editor = editorWith();
    editor.paste(0);
    expect(editor.notes).toHaveLength(3);
    editor.select(['a']);
    editor.copy();
    editor.clearSelection();
    editor.paste(0);
    const ids = editor.notes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(editor.hasClipboard).toBe(true);
  });

  it('duplicates the selection after itself without touching the clipboard', () => {
    const editor = editorWith([note('a', 60, 0, 1920)]);
    editor.select(['a']);
    editor.duplicate();
    expect(editor.selectedNotes.map((n) => n.tick)).toEqual([1920]);
    expect(editor.hasClipboard).toBe(false);
    expect(editor.lengthTicks).toBe(7680);
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
