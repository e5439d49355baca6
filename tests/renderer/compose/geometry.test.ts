import { describe, expect, it } from 'vitest';
import {
  KEYBOARD_WIDTH,
  RULER_HEIGHT,
  computeLayout,
  hitNote,
  notesInBox,
  pitchToY,
  regionAt,
  tickToX,
  velocityBarsAt,
  velocityToY,
  xToTick,
  yToPitch,
  yToVelocity,
  type ViewState,
} from '../../../src/renderer/src/compose/geometry';
import {
  MAX_KEY_HEIGHT,
  MAX_PX_PER_QUARTER,
  MIN_KEY_HEIGHT,
  MIN_PX_PER_QUARTER,
  Viewport,
} from '../../../src/renderer/src/compose/viewport.svelte';
import { lineSteps, soundingPitches, velocityColour } from '../../../src/renderer/src/compose/render';
import { note } from './fakes';

function view(overrides: Partial<ViewState> = {}): ViewState {
  return { layout: computeLayout(1000, 600), pxPerTick: 0.1, keyHeight: 10, scrollTick: 0, scrollY: 0, ...overrides };
}

describe('layout', () => {
  it('puts the keyboard left, the ruler on top, the velocity lane under the grid', () => {
    const layout = computeLayout(1000, 600);
    expect(layout.keyboard).toMatchObject({ x: 0, w: KEYBOARD_WIDTH, y: RULER_HEIGHT });
    expect(layout.ruler).toMatchObject({ x: KEYBOARD_WIDTH, y: 0, w: 1000 - KEYBOARD_WIDTH, h: RULER_HEIGHT });
    expect(layout.grid.x).toBe(KEYBOARD_WIDTH);
    expect(layout.velocity.y).toBeGreaterThan(layout.grid.y + layout.grid.h);
    expect(layout.velocity.y + layout.velocity.h).toBeCloseTo(600);
    expect(regionAt(layout, 10, 100)).toBe('keyboard');
    expect(regionAt(layout, 300, 10)).toBe('ruler');
    expect(regionAt(layout, 300, 100)).toBe('grid');
    expect(regionAt(layout, 300, 590)).toBe('velocity');
    expect(regionAt(layout, 10, 5)).toBe('none');
  });

  it('never produces negative sizes for a tiny canvas', () => {
    const layout = computeLayout(20, 10);
    for (const rect of [layout.grid, layout.ruler, layout.velocity, layout.keyboard]) {
      expect(rect.w).toBeGreaterThanOrEqual(0);
      expect(rect.h).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('pixel ↔ tick and pitch mapping', () => {
  it('maps ticks to x and back, with the scroll offset', () => {
    const v = view({ scrollTick: 1000 });
    expect(tickToX(v, 1000)).toBe(KEYBOARD_WIDTH);
    expect(tickToX(v, 1480)).toBeCloseTo(KEYBOARD_WIDTH + 48);
    for (const tick of [0, 1000, 1234.5, 9600]) expect(xToTick(v, tickToX(v, tick))).toBeCloseTo(tick);
  });

  it('maps pitches to rows, highest at the top', () => {
    const v = view({ scrollY: 50 });
    expect(pitchToY(v, 127)).toBe(RULER_HEIGHT - 50);
    expect(pitchToY(v, 60)).toBe(RULER_HEIGHT + 67 * 10 - 50);
    for (const pitch of [0, 21, 60, 127]) {
      const top = pitchToY(v, pitch);
      expect(yToPitch(v, top)).toBe(pitch);
      expect(yToPitch(v, top + 9.9)).toBe(pitch);
      expect(yToPitch(v, top + 10)).toBe(pitch - 1);
    }
  });

  it('maps velocities to the lane and back', () => {
    const lane = computeLayout(1000, 600).velocity;
    expect(velocityToY(lane, 127)).toBeLessThan(velocityToY(lane, 1));
    for (const v of [1, 32, 64, 100, 127]) expect(yToVelocity(lane, velocityToY(lane, v))).toBe(v);
    expect(yToVelocity(lane, lane.y - 100)).toBe(127);
    expect(yToVelocity(lane, lane.y + lane.h + 100)).toBe(1);
  });
});

describe('hit testing', () => {
  const notes = [note('a', 60, 0, 480), note('b', 60, 480, 480), note('c', 62, 0, 960)];

  it('finds the note under a point and whether it is on the resize handle', () => {
    const v = view();
    const y = pitchToY(v, 60) + 5;
    expect(hitNote(v, notes, new Set(), tickToX(v, 100), y)).toMatchObject({ note: { id: 'a' }, part: 'body' });
    expect(hitNote(v, notes, new Set(), tickToX(v, 478), y)).toMatchObject({ note: { id: 'a' }, part: 'end' });
    expect(hitNote(v, notes, new Set(), tickToX(v, 500), y)).toMatchObject({ note: { id: 'b' }, part: 'body' });
    expect(hitNote(v, notes, new Set(), tickToX(v, 100), pitchToY(v, 61) + 5)).toBeNull();
    expect(hitNote(v, notes, new Set(), tickToX(v, 1000), y)).toBeNull();
  });

  it('keeps most of a short note for moving: the handle is at most a third of it', () => {
    const v = view();
    const short = [note('s', 60, 0, 60)]; // 6 px wide
    const y = pitchToY(v, 60) + 5;
    expect(hitNote(v, short, new Set(), tickToX(v, 10), y)?.part).toBe('body');
    expect(hitNote(v, short, new Set(), tickToX(v, 55), y)?.part).toBe('end');
  });

  it('prefers a selected note where notes overlap', () => {
    const v = view();
    const stacked = [note('under', 60, 0, 960), note('over', 60, 240, 480)];
    const y = pitchToY(v, 60) + 5;
    expect(hitNote(v, stacked, new Set(), tickToX(v, 300), y)?.note.id).toBe('over');
    expect(hitNote(v, stacked, new Set(['under']), tickToX(v, 300), y)?.note.id).toBe('under');
  });

  it('finds notes touching a box, in any drag direction', () => {
    expect(notesInBox(notes, 400, 100, 61, 59).map((n) => n.id)).toEqual(['a']);
    expect(notesInBox(notes, 100, 900, 60, 62).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(notesInBox(notes, 2000, 3000, 0, 127)).toEqual([]);
  });

  it('finds velocity bars near x', () => {
    const v = view();
    expect(velocityBarsAt(v, notes, tickToX(v, 0) + 3).map((n) => n.id)).toEqual(['a', 'c']);
    expect(velocityBarsAt(v, notes, tickToX(v, 240))).toEqual([]);
  });
});

describe('Viewport', () => {
  function sized(): Viewport {
    const viewport = new Viewport(480, 7680 + 4 * 1920);
    viewport.resize(1000, 600);
    return viewport;
  }

  it('centres on a pitch the first time it gets a size', () => {
    const viewport = new Viewport();
    viewport.resize(1000, 600, 60);
    const { grid } = viewport.layout;
    const rowMiddle = viewport.pitchToY(60) + viewport.keyHeight / 2;
    expect(Math.abs(rowMiddle - (grid.y + grid.h / 2))).toBeLessThanOrEqual(viewport.keyHeight);
    viewport.scrollBy(0, 100);
    viewport.resize(1000, 620, 60); // later resizes keep the scroll
    expect(viewport.scrollY).toBeGreaterThan(0);
  });

  it('clamps scrolling to the content', () => {
    const viewport = sized();
    viewport.scrollBy(-5000, -5000);
    expect(viewport.scrollTick).toBe(0);
    expect(viewport.scrollY).toBe(0);
    viewport.scrollBy(1e7, 1e7);
    expect(viewport.scrollTick).toBeCloseTo(viewport.maxScrollTick);
    expect(viewport.scrollTick + viewport.visibleTicks).toBeCloseTo(viewport.contentTicks);
    expect(viewport.scrollY).toBe(128 * viewport.keyHeight - viewport.layout.grid.h);
    expect(viewport.visiblePitches.low).toBe(0);
  });

  it('clamps again when the content shrinks', () => {
    const viewport = sized();
    viewport.scrollBy(1e7, 0);
    viewport.setContentTicks(1000);
    expect(viewport.scrollTick).toBe(0);
  });

  it('zooms time around the pointer, within limits', () => {
    const viewport = sized();
    viewport.scrollToTick(1920);
    const anchorX = 500;
    const before = viewport.xToTick(anchorX);
    viewport.zoomX(2, anchorX);
    expect(viewport.pxPerQuarter).toBe(112);
    expect(viewport.xToTick(anchorX)).toBeCloseTo(before);
    for (let i = 0; i < 50; i++) viewport.zoomX(2, anchorX);
    expect(viewport.pxPerQuarter).toBe(MAX_PX_PER_QUARTER);
    for (let i = 0; i < 50; i++) viewport.zoomX(0.5, anchorX);
    expect(viewport.pxPerQuarter).toBe(MIN_PX_PER_QUARTER);
    expect(viewport.scrollTick).toBe(0); // everything fits, nothing to scroll
  });

  it('zooms pitch around a row, within limits', () => {
    const viewport = sized();
    const anchorY = 300;
    const pitch = viewport.yToPitch(anchorY);
    viewport.zoomY(1.5, anchorY);
    expect(viewport.yToPitch(anchorY)).toBe(pitch);
    for (let i = 0; i < 20; i++) viewport.zoomY(2);
    expect(viewport.keyHeight).toBe(MAX_KEY_HEIGHT);
    for (let i = 0; i < 20; i++) viewport.zoomY(0.5);
    expect(viewport.keyHeight).toBe(MIN_KEY_HEIGHT);
  });

  it('follows a playhead a page at a time', () => {
    const viewport = sized();
    viewport.follow(1000);
    expect(viewport.scrollTick).toBe(0);
    const page = viewport.visibleTicks;
    viewport.follow(page + 100);
    expect(viewport.scrollTick).toBeGreaterThan(0);
    expect(viewport.scrollTick).toBeLessThanOrEqual(page + 100);
    viewport.follow(0);
    expect(viewport.scrollTick).toBe(0);
  });
});

describe('grid line density', () => {
  const metre = { beatTicks: 480, barTicks: 1920, gridTicks: 120, ppq: 480 };

  it('draws sub-beat, beat and bar lines when zoomed in', () => {
    expect(lineSteps(metre, 0.2)).toEqual({ sub: 120, beat: 480, bar: 1920 });
  });

  it('drops lines that would crowd, and groups bars when zoomed far out', () => {
    expect(lineSteps(metre, 0.03)).toEqual({ sub: null, beat: 480, bar: 1920 });
    const far = lineSteps(metre, 0.004);
    expect(far.sub).toBeNull();
    expect(far.beat).toBeNull();
    expect(far.bar * 0.004).toBeGreaterThanOrEqual(28);
    expect(far.bar % 1920).toBe(0);
  });
});

describe('render helpers', () => {
  it('lights the pitches of the notes under the playhead', () => {
    const notes = [note('a', 60, 0, 480), note('b', 64, 240, 480), note('c', 67, 480, 480)];
    expect([...soundingPitches(notes, 300)].sort()).toEqual([60, 64]);
    expect([...soundingPitches(notes, 480)].sort()).toEqual([64, 67]); // a note's end is not part of it
    expect(soundingPitches(notes, 5000).size).toBe(0);
  });

  it('colours louder notes brighter, and selected notes brighter still', () => {
    const lightness = (colour: string) => Number(/ ([\d.]+)%\)$/.exec(colour)?.[1]);
    expect(lightness(velocityColour(127))).toBeGreaterThan(lightness(velocityColour(40)));
    expect(lightness(velocityColour(80, true))).toBeGreaterThan(lightness(velocityColour(80)));
  });
});
