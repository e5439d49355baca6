import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ComposeArea from '../../../src/renderer/src/areas/ComposeArea.svelte';
import { emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { ComposeSession } from '../../../src/renderer/src/compose/session.svelte';
import { buttons, getButton, getByLabel, heading } from '../helpers/dom';
import { FakeAudioEngine, ManualTimer, flushPromises, note } from './fakes';

let app: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

function render(notes = [note('a', 60, 0), note('b', 64, 480)]) {
  const audio = new FakeAudioEngine();
  const timer = new ManualTimer();
  const session = new ComposeSession({ clip: emptyClip({ notes }), audio, timer });
  app = mount(ComposeArea, { target: document.body, props: { session } });
  flushSync();
  const region = getByLabel<HTMLElement>('Piano roll editor');
  const key = (key: string, init: KeyboardEventInit = {}, target: Element = region) => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    flushSync();
  };
  return { session, audio, timer, region, key, editor: session.editor, transport: session.transport };
}

describe('ComposeArea', () => {
  it('keeps the Compose heading; without the model side, the panel shows the clip', () => {
    render([]);
    expect(heading(1)).toBe('Compose');
    expect(document.body.textContent).not.toMatch(/Coming with the melody studio/);
    expect(document.body.textContent).toContain('Draw notes with the pencil, or press D');
    expect(document.querySelector('[role="tab"]')?.textContent?.trim()).toBe('Clip');
    expect(document.body.textContent).toContain('Nothing selected');
  });

  it('labels the canvas and the focusable editor region', () => {
    const { region } = render();
    expect(region.getAttribute('role')).toBe('application');
    expect(region.tabIndex).toBe(0);
    const help = document.getElementById(region.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toContain('Delete removes it');
    const canvas = document.querySelector('canvas');
    expect(canvas?.getAttribute('role')).toBe('img');
    expect(canvas?.getAttribute('aria-label')).toBe('Piano roll: 2 notes, 4 bars at 120 BPM');
  });

  it('gives every toolbar and transport button an accessible name', () => {
    render();
    for (const button of buttons()) {
      const name = button.getAttribute('aria-label') ?? button.textContent ?? '';
      expect(name.trim(), button.outerHTML).not.toBe('');
    }
    for (const name of [
      'Play',
      'Loop',
      'Metronome',
      'Pointer tool',
      'Pencil tool',
      'Eraser tool',
      'Quantise',
      'Undo',
      'Redo',
      'Duplicate',
      'Delete',
      'Transpose up a semitone',
      'Transpose down an octave',
      'Zoom in',
      'Zoom out',
      'Keyboard shortcuts',
    ]) {
      expect(getButton(name)).toBeTruthy();
    }
    expect(getByLabel('Snap').tagName).toBe('SELECT');
    expect(getByLabel('Tempo (BPM)').tagName).toBe('INPUT');
    expect(getByLabel('Beats per bar').tagName).toBe('SELECT');
    expect(getByLabel('Position').textContent).toBe('1:1:000');
  });

  it('runs keyboard shortcuts pressed in the editor', async () => {
    const { key, editor, transport, audio } = render();
    key('d');
    expect(editor.tool).toBe('draw');
    expect(getButton('Pencil tool').getAttribute('aria-pressed')).toBe('true');
    key('a', { ctrlKey: true });
    expect(editor.selection.size).toBe(2);
    expect(document.querySelector('canvas')?.getAttribute('aria-label')).toBe(
      'Piano roll: 2 notes, 2 selected, 4 bars at 120 BPM',
    );
    key('Delete');
    expect(editor.notes).toHaveLength(0);
    expect((getButton('Undo') as HTMLButtonElement).disabled).toBe(false);
    key('z', { ctrlKey: true });
    expect(editor.notes).toHaveLength(2);

    key(' ');
    await flushPromises();
    flushSync();
    expect(transport.playing).toBe(true);
    expect(getButton('Stop')).toBeTruthy();
    key(' ');
    expect(transport.playing).toBe(false);
    expect(audio.stopAllCalls).toBe(1);
  });

  it('opens the shortcuts list with ? and closes it with Escape, keeping the selection', () => {
    const { key, editor } = render();
    editor.selectAll();
    key('?');
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
    expect(dialog?.getAttribute('aria-label')).toBe('Keyboard shortcuts');
    expect(dialog?.textContent).toContain('Duplicate after the selection');
    expect(getButton('Keyboard shortcuts').getAttribute('aria-expanded')).toBe('true');
    key('Escape');
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(editor.selection.size).toBe(2);
    key('Escape');
    expect(editor.selection.size).toBe(0);
  });

  it('leaves keys typed into a field alone', () => {
    const { key, editor } = render();
    const tempo = getByLabel<HTMLInputElement>('Tempo (BPM)');
    key('d', {}, tempo);
    key('Delete', {}, tempo);
    expect(editor.tool).toBe('select');
    tempo.value = '96';
    tempo.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(editor.bpm).toBe(96);
    tempo.value = '5000';
    tempo.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(editor.bpm).toBe(300);
    expect(tempo.value).toBe('300');
  });

  it('runs toolbar buttons', () => {
    const { editor, transport } = render();
    getButton('Pencil tool').click();
    flushSync();
    expect(editor.tool).toBe('draw');
    getButton('Loop').click();
    flushSync();
    expect(transport.looping).toBe(true);
    expect(getButton('Loop').getAttribute('aria-pressed')).toBe('true');
    expect(getButton('Duplicate').disabled).toBe(true);
    getButton('Transpose up an octave').click();
    flushSync();
    expect(editor.notes.map((n) => n.pitch)).toEqual([72, 76]);
    getButton('Undo').click();
    flushSync();
    expect(editor.notes.map((n) => n.pitch)).toEqual([60, 64]);
    expect(getButton('Redo').disabled).toBe(false);
    const snap = getByLabel<HTMLSelectElement>('Snap');
    snap.value = '1/8T';
    snap.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(editor.gridTicks).toBe(160);
  });

  it('stops playback when the area is left', async () => {
    const { key, transport, audio } = render();
    key(' ');
    await flushPromises();
    expect(transport.playing).toBe(true);
    if (app) unmount(app);
    app = null;
    expect(transport.playing).toBe(false);
    expect(audio.stopAllCalls).toBe(1);
  });
});
