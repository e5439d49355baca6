import { describe, expect, it } from 'vitest';
import { emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { ComposeSession } from '../../../src/renderer/src/compose/session.svelte';
import { FakeAudioEngine, ManualTimer, flushPromises, note } from './fakes';

function setup(notes = [note('a', 60, 0), note('b', 64, 480), note('c', 67, 960)]) {
  const audio = new FakeAudioEngine();
  const session = new ComposeSession({ clip: emptyClip({ notes }), audio, timer: new ManualTimer() });
  session.viewport.resize(1000, 600, 64);
  const { viewport, pointer, editor, transport } = session;
  const x = (tick: number) => viewport.tickToX(tick);
  const y = (pitch: number) => viewport.pitchToY(pitch) + viewport.keyHeight / 2;
  const layout = viewport.layout;
  return { audio, session, viewport, pointer, editor, transport, x, y, layout };
}

const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('pointer: notes in the grid', () => {
  it('draws a note with the pencil and sets its length by dragging, and sounds it', async () => {
    const { pointer, editor, audio, x, y } = setup([]);
    editor.setTool('draw');
    pointer.down({ x: x(500), y: y(62) });
    pointer.move({ x: x(1100), y: y(62) });
    pointer.up({ x: x(1100), y: y(62) });
    expect(editor.notes.map((n) => [n.pitch, n.tick, n.durationTicks])).toEqual([[62, 480, 720]]);
    expect(editor.undoDepth).toBe(1);
    await flushPromises();
    expect(audio.notes.map((n) => n.pitch)).toEqual([62]);
  });

  it('adds a note on a double-click with the pointer tool, and deletes one on a double-click', () => {
    const { pointer, editor, x, y } = setup([]);
    pointer.down({ x: x(1000), y: y(70), time: 1000 });
    pointer.up({ x: x(1000), y: y(70), time: 1050 });
    expect(editor.notes).toHaveLength(0);
    pointer.down({ x: x(1000), y: y(70), time: 1200 });
    pointer.up({ x: x(1000), y: y(70), time: 1250 });
    expect(editor.notes.map((n) => [n.pitch, n.tick])).toEqual([[70, 960]]);
    // A slow second click is not a double-click.
    pointer.down({ x: x(970), y: y(70), time: 5000 });
    pointer.up({ x: x(970), y: y(70), time: 5050 });
    pointer.down({ x: x(970), y: y(70), time: 6000 });
    pointer.up({ x: x(970), y: y(70), time: 6050 });
    expect(editor.notes).toHaveLength(1);
    pointer.down({ x: x(970), y: y(70), time: 6200 });
    pointer.up({ x: x(970), y: y(70), time: 6250 });
    expect(editor.notes).toHaveLength(0);
  });

  it('selects with a click and Shift+click, and clears it with a click on empty grid', () => {
    const { pointer, editor, x, y } = setup();
    pointer.down({ x: x(100), y: y(60) });
    pointer.up({ x: x(100), y: y(60) });
    expect(ids(editor.selection)).toEqual(['a']);
    pointer.down({ x: x(1000), y: y(67), shift: true });
    pointer.up({ x: x(1000), y: y(67), shift: true });
    expect(ids(editor.selection)).toEqual(['a', 'c']);
    pointer.down({ x: x(3000), y: y(50) });
    pointer.up({ x: x(3000), y: y(50) });
    expect(editor.selection.size).toBe(0);
    expect(editor.canUndo).toBe(false);
  });

  it('box-selects what the rectangle touches, adding to the selection with Shift', () => {
    const { pointer, editor, x, y } = setup();
    pointer.down({ x: x(300), y: y(66) });
    pointer.move({ x: x(700), y: y(63) });
    expect(pointer.marquee).not.toBeNull();
    expect(ids(editor.selection)).toEqual(['b']);
    pointer.up({ x: x(700), y: y(63) });
    expect(pointer.marquee).toBeNull();
    pointer.down({ x: x(0) + 2, y: y(61), shift: true });
    pointer.move({ x: x(100), y: y(59), shift: true });
    pointer.up({ x: x(100), y: y(59), shift: true });
    expect(ids(editor.selection)).toEqual(['a', 'b']);
  });

  it('drags notes to a new time and pitch, snapped, as one undo step', () => {
    const { pointer, editor, x, y } = setup();
    editor.select(['a', 'b']);
    pointer.down({ x: x(100), y: y(60) });
    pointer.move({ x: x(100 + 470), y: y(62) });
    pointer.move({ x: x(100 + 950), y: y(63) });
    pointer.up({ x: x(100 + 950), y: y(63) });
    expect(editor.notes.filter((n) => n.id !== 'c').map((n) => [n.id, n.pitch, n.tick])).toEqual([
      ['a', 63, 960],
      ['b', 67, 1440],
    ]);
    expect(editor.undoDepth).toBe(1);
    editor.undo();
    expect(editor.notes.find((n) => n.id === 'a')).toMatchObject({ tick: 0, pitch: 60 });
  });

  it('moves off the grid with Ctrl/⌘ held, and copies with Alt', () => {
    const { pointer, editor, x, y } = setup();
    pointer.down({ x: x(100), y: y(60) });
    pointer.move({ x: x(150), y: y(60), mod: true });
    pointer.up({ x: x(150), y: y(60), mod: true });
    expect(editor.notes.find((n) => n.id === 'a')?.tick).toBeCloseTo(50, -1);
    expect(editor.notes.find((n) => n.id === 'a')?.tick).not.toBe(0);

    pointer.down({ x: x(500), y: y(64), alt: true });
    pointer.move({ x: x(2420), y: y(64), alt: true });
    pointer.up({ x: x(2420), y: y(64), alt: true });
    expect(editor.notes.filter((n) => n.pitch === 64).map((n) => n.tick)).toEqual([480, 2400]);
  });

  it('keeps a dragged note under the pointer when the view scrolls mid-drag', () => {
    const { pointer, editor, viewport, x, y } = setup();
    const screen = { x: x(100), y: y(60) };
    pointer.down(screen);
    pointer.wheel({ x: 500, y: 300, deltaX: 0, deltaY: 240, shift: true }); // scroll time by 240 px
    expect(viewport.scrollTick).toBeCloseTo(240 / viewport.pxPerTick);
    // The pointer has not moved on screen, so the note now sits under a later tick.
    pointer.move(screen);
    pointer.up(screen);
    const moved = editor.notes.find((n) => n.id === 'a');
    expect(moved?.tick).toBe(Math.round(viewport.scrollTick / 120) * 120);
    expect(moved?.tick).toBeGreaterThan(0);
    expect(moved?.pitch).toBe(60);
  });

  it('scrolls when a drag goes past the edge of the grid', () => {
    const { pointer, viewport, layout, x, y } = setup();
    pointer.down({ x: x(100), y: y(60) });
    const right = layout.grid.x + layout.grid.w + 10;
    for (let i = 0; i < 5; i++) pointer.move({ x: right, y: y(60) });
    expect(viewport.scrollTick).toBeGreaterThan(0);
    const scrollY = viewport.scrollY;
    pointer.move({ x: right, y: layout.grid.y + 1 });
    expect(viewport.scrollY).toBeLessThan(scrollY);
    pointer.up({ x: right, y: layout.grid.y + 1 });
  });

  it('resizes from the right edge', () => {
    const { pointer, editor, x, y } = setup();
    pointer.down({ x: x(480) - 2, y: y(60) });
    expect(pointer.cursor).toBe('ew-resize');
    pointer.move({ x: x(480) - 2 + 0.1 * 10000, y: y(60) }); // far right
    pointer.move({ x: x(1200), y: y(60) });
    pointer.up({ x: x(1200), y: y(60) });
    expect(editor.notes.find((n) => n.id === 'a')?.durationTicks).toBe(1200);
  });

  it('erases what the eraser passes over', () => {
    const { pointer, editor, x, y } = setup();
    editor.setTool('erase');
    pointer.down({ x: x(100), y: y(60) });
    pointer.move({ x: x(600), y: y(64) });
    pointer.move({ x: x(600), y: y(50) });
    pointer.up({ x: x(600), y: y(50) });
    expect(editor.notes.map((n) => n.id)).toEqual(['c']);
    expect(editor.undoDepth).toBe(1);
  });

  it('shows a resize cursor at note edges, a grab cursor on notes', () => {
    const { pointer, x, y } = setup();
    pointer.move({ x: x(100), y: y(60) });
    expect(pointer.cursor).toBe('grab');
    pointer.move({ x: x(479), y: y(60) });
    expect(pointer.cursor).toBe('ew-resize');
    pointer.move({ x: x(3000), y: y(60) });
    expect(pointer.cursor).toBe('default');
  });
});

describe('pointer: ruler, keyboard, velocity lane, wheel', () => {
  it('seeks the playhead with a click in the ruler', () => {
    const { pointer, transport, x, layout } = setup();
    pointer.down({ x: x(1000), y: layout.ruler.y + 20 });
    pointer.up({ x: x(1000), y: layout.ruler.y + 20 });
    expect(transport.position).toBe(960);
  });

  it('drags a loop range in the ruler, turning looping on, and drags its edges', () => {
    const { pointer, editor, transport, x, layout } = setup();
    const ry = layout.ruler.y + 20;
    pointer.down({ x: x(1910), y: ry });
    pointer.move({ x: x(3000), y: ry });
    pointer.move({ x: x(5770), y: ry });
    pointer.up({ x: x(5770), y: ry });
    expect([editor.loopStart, editor.loopEnd]).toEqual([1920, 5760]);
    expect(transport.looping).toBe(true);
    expect(transport.position).toBe(0);
    pointer.down({ x: x(5760) + 2, y: ry });
    pointer.move({ x: x(3850), y: ry });
    pointer.up({ x: x(3850), y: ry });
    expect([editor.loopStart, editor.loopEnd]).toEqual([1920, 3840]);
  });

  it('previews a key on the keyboard, and each key slid over', async () => {
    const { pointer, audio, y, layout } = setup();
    pointer.down({ x: layout.keyboard.x + 10, y: y(60) });
    expect(pointer.pressedKey).toBe(60);
    pointer.move({ x: layout.keyboard.x + 10, y: y(62) });
    pointer.up({ x: layout.keyboard.x + 10, y: y(62) });
    expect(pointer.pressedKey).toBeNull();
    await flushPromises();
    expect(audio.notes.map((n) => n.pitch)).toEqual([60, 62]);
  });

  it('paints velocities in the lane along the drag', () => {
    const { pointer, editor, viewport, x, layout } = setup();
    const lane = layout.velocity;
    const yFor = (v: number) => lane.y + lane.h - 2 - (v / 127) * (lane.h - 12);
    pointer.down({ x: x(0) + 1, y: yFor(30) });
    pointer.move({ x: x(960) + 1, y: yFor(90) });
    pointer.up({ x: x(960) + 1, y: yFor(90) });
    const velocities = editor.notes.map((n) => n.velocity);
    expect(velocities[0]).toBeCloseTo(30, -1);
    expect(velocities[2]).toBeCloseTo(90, -1);
    expect(velocities[1]).toBeGreaterThan(velocities[0]!);
    expect(velocities[1]).toBeLessThan(velocities[2]!);
    expect(editor.undoDepth).toBe(1);
    expect(viewport.layout.velocity).toEqual(lane);
  });

  it('offsets every selected velocity when dragging a selected bar', () => {
    const { pointer, editor, x, layout } = setup();
    editor.select(['a', 'c']);
    const lane = layout.velocity;
    pointer.down({ x: x(960), y: lane.y + 40 });
    pointer.move({ x: x(960), y: lane.y + 40 - 1000 });
    pointer.up({ x: x(960), y: lane.y + 40 - 1000 });
    expect(editor.notes.map((n) => n.velocity)).toEqual([127, 100, 127]);
  });

  it('scrolls with the wheel and zooms with Ctrl/⌘ or Alt', () => {
    const { pointer, viewport, layout } = setup();
    const y0 = viewport.scrollY;
    pointer.wheel({ x: 400, y: 200, deltaX: 0, deltaY: 60 });
    expect(viewport.scrollY).toBe(y0 + 60);
    pointer.wheel({ x: 400, y: 200, deltaX: 0, deltaY: 100, shift: true });
    expect(viewport.scrollTick).toBeCloseTo(100 / viewport.pxPerTick);
    const zoom = viewport.pxPerQuarter;
    pointer.wheel({ x: layout.grid.x + 300, y: 200, deltaX: 0, deltaY: -100, mod: true });
    expect(viewport.pxPerQuarter).toBeGreaterThan(zoom);
    const keys = viewport.keyHeight;
    pointer.wheel({ x: 400, y: 200, deltaX: 0, deltaY: 300, alt: true });
    expect(viewport.keyHeight).toBeLessThan(keys);
  });
});
