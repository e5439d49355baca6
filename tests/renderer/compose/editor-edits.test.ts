import { describe, expect, it } from 'vitest';
import { editorWith, summary } from './editor-fixtures';
import { note } from './fakes';

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
