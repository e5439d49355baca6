import { describe, expect, it } from 'vitest';
import { emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { ComposeSession } from '../../../src/renderer/src/compose/session.svelte';
import {
  SHORTCUT_HELP,
  keyBelongsToControl,
  runShortcut,
  type KeyInput,
} from '../../../src/renderer/src/compose/shortcuts';
import { FakeAudioEngine, ManualTimer, note } from './fakes';

function setup() {
  const audio = new FakeAudioEngine();
  const session = new ComposeSession({
    clip: emptyClip({ notes: [note('a', 60, 0), note('b', 64, 480)] }),
    audio,
    timer: new ManualTimer(),
  });
  session.viewport.resize(1000, 600);
  const press = (key: string, mods: Partial<KeyInput> = {}) =>
    runShortcut({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }, session);
  return { session, audio, press, editor: session.editor, transport: session.transport };
}

describe('runShortcut', () => {
  it('edits the selection with arrows, Shift for octaves and lengths', () => {
    const { press, editor } = setup();
    editor.select(['a']);
    expect(press('ArrowRight')).toBe(true);
    expect(press('ArrowUp')).toBe(true);
    expect(press('ArrowUp', { shiftKey: true })).toBe(true);
    expect(editor.notes.find((n) => n.id === 'a')).toMatchObject({ tick: 120, pitch: 73 });
    press('ArrowDown', { shiftKey: true });
    press('ArrowDown');
    press('ArrowLeft');
    press('ArrowRight', { shiftKey: true });
    expect(editor.notes.find((n) => n.id === 'a')).toMatchObject({ tick: 0, pitch: 60, durationTicks: 600 });
    press('ArrowLeft', { shiftKey: true });
    expect(editor.notes.find((n) => n.id === 'a')?.durationTicks).toBe(480);
  });

  it('leaves arrows to the page when nothing is selected', () => {
    const { press } = setup();
    expect(press('ArrowUp')).toBe(false);
  });

  it('selects all, deletes, undoes and redoes (Ctrl or ⌘; Shift+Z and Ctrl+Y redo)', () => {
    const { press, editor } = setup();
    expect(press('a', { ctrlKey: true })).toBe(true);
    expect(editor.selection.size).toBe(2);
    press('Delete');
    expect(editor.notes).toHaveLength(0);
    press('z', { metaKey: true });
    expect(editor.notes).toHaveLength(2);
    press('Z', { ctrlKey: true, shiftKey: true });
    expect(editor.notes).toHaveLength(0);
    press('z', { ctrlKey: true });
    press('y', { ctrlKey: true });
    expect(editor.notes).toHaveLength(0);
    press('z', { ctrlKey: true });
    editor.select(['b']);
    press('Backspace');
    expect(editor.notes.map((n) => n.id)).toEqual(['a']);
  });

  it('copies, cuts, pastes at the playhead and duplicates', () => {
    const { press, editor, transport } = setup();
    editor.select(['a']);
    press('c', { ctrlKey: true });
    press('x', { ctrlKey: true });
    expect(editor.notes.map((n) => n.id)).toEqual(['b']);
    transport.seek(1920);
    press('v', { ctrlKey: true });
    expect(editor.selectedNotes.map((n) => [n.pitch, n.tick])).toEqual([[60, 1920]]);
    press('d', { ctrlKey: true });
    expect(editor.selectedNotes.map((n) => [n.pitch, n.tick])).toEqual([[60, 2400]]);
  });

  it('switches tools, quantises, toggles loop and metronome, zooms', () => {
    const { press, editor, transport, session } = setup();
    press('d');
    expect(editor.tool).toBe('draw');
    press('e');
    expect(editor.tool).toBe('erase');
    press('V');
    expect(editor.tool).toBe('select');
    press('l');
    press('m');
    expect([transport.looping, transport.metronome]).toEqual([true, true]);
    const zoom = session.viewport.pxPerQuarter;
    press('+');
    expect(session.viewport.pxPerQuarter).toBeGreaterThan(zoom);
    press('-');
    expect(session.viewport.pxPerQuarter).toBeCloseTo(zoom);
    editor.load(emptyClip({ notes: [note('q', 60, 130, 300)] }));
    press('q');
    expect(editor.notes[0]).toMatchObject({ tick: 120, durationTicks: 360 });
  });

  it('plays and stops with Space, and Home returns to the start', async () => {
    const { press, transport, audio } = setup();
    transport.seek(960);
    press(' ');
    await Promise.resolve();
    await Promise.resolve();
    expect(transport.playing).toBe(true);
    press(' ');
    expect(transport.playing).toBe(false);
    expect(audio.stopAllCalls).toBe(1);
    press('Home');
    expect(transport.position).toBe(0);
  });

  it('Escape cancels a drag first, then clears the selection', () => {
    const { press, editor } = setup();
    editor.select(['a']);
    editor.beginMove('a');
    editor.updateMove(960, 3);
    press('Escape');
    expect(editor.gesturing).toBe(false);
    expect(editor.notes.find((n) => n.id === 'a')).toMatchObject({ tick: 0, pitch: 60 });
    expect(editor.selection.size).toBe(1);
    press('Escape');
    expect(editor.selection.size).toBe(0);
  });

  it('does not take keys it does not know, or Alt combinations', () => {
    const { press } = setup();
    expect(press('k')).toBe(false);
    expect(press('1', { ctrlKey: true })).toBe(false); // the studio's area switch
    expect(press('j', { ctrlKey: true })).toBe(false); // the jobs panel
    expect(press('d', { altKey: true })).toBe(false);
  });

  it('documents every shortcut it runs', () => {
    const documented = SHORTCUT_HELP.flatMap((row) => row.keys).join(' ');
    for (const key of ['Space', 'V', 'D', 'E', 'Q', 'L', 'M', 'Home', 'Delete', 'Esc', 'Z', 'A', 'C / X / V'])
      expect(documented).toContain(key);
  });
});

describe('keyBelongsToControl', () => {
  it('keeps typing in fields, and Space/Enter on buttons, away from the editor', () => {
    const input = document.createElement('input');
    const button = document.createElement('button');
    const div = document.createElement('div');
    expect(keyBelongsToControl({ key: 'd', target: input })).toBe(true);
    expect(keyBelongsToControl({ key: ' ', target: button })).toBe(true);
    expect(keyBelongsToControl({ key: 'Delete', target: button })).toBe(false);
    expect(keyBelongsToControl({ key: ' ', target: div })).toBe(false);
    expect(keyBelongsToControl({ key: ' ', target: null })).toBe(false);
  });
});
