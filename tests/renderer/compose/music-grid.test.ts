import { describe, expect, it } from 'vitest';
import {
  SNAP_VALUES,
  ceilTo,
  floorTo,
  isSnap,
  quantiseSpan,
  roundTo,
  snapTicks,
  stepTicks,
} from '../../../src/renderer/src/compose/grid';
import {
  clampPitch,
  clampVelocity,
  formatPosition,
  inScale,
  isBlackKey,
  keyName,
  pitchName,
  secondsToTicks,
  ticksPerBar,
  ticksPerBeat,
  ticksToSeconds,
} from '../../../src/renderer/src/compose/music';

describe('snap values', () => {
  it('gives straight and triplet grid steps at 480 PPQ', () => {
    expect(snapTicks('1/4', 480)).toBe(480);
    expect(snapTicks('1/8', 480)).toBe(240);
    expect(snapTicks('1/16', 480)).toBe(120);
    expect(snapTicks('1/32', 480)).toBe(60);
    // Three triplets fill the time of two straight notes.
    expect(snapTicks('1/4T', 480)).toBe(320);
    expect(snapTicks('1/8T', 480)).toBe(160);
    expect(snapTicks('1/16T', 480)).toBe(80);
    expect(snapTicks('off', 480)).toBeNull();
  });

  it('scales with the PPQ and never goes below one tick', () => {
    expect(snapTicks('1/16', 96)).toBe(24);
    expect(snapTicks('1/8T', 96)).toBe(32);
    expect(snapTicks('1/32', 4)).toBe(1);
  });

  it('uses a fallback step when snap is off', () => {
    expect(stepTicks('off', 480, 120)).toBe(120);
    expect(stepTicks('1/8', 480, 120)).toBe(240);
  });

  it('recognises snap values', () => {
    for (const snap of SNAP_VALUES) expect(isSnap(snap)).toBe(true);
    expect(isSnap('1/64')).toBe(false);
    expect(isSnap(16)).toBe(false);
  });

  it('rounds, floors and ceils to a grid, or to whole ticks without one', () => {
    expect(roundTo(170, 120)).toBe(120);
    expect(roundTo(181, 120)).toBe(240);
    expect(floorTo(239, 120)).toBe(120);
    expect(ceilTo(121, 120)).toBe(240);
    expect(ceilTo(240, 120)).toBe(240);
    expect(roundTo(170.4, null)).toBe(170);
    expect(floorTo(170.9, null)).toBe(170);
    expect(ceilTo(170.1, null)).toBe(171);
  });

  it('quantises an onset and end to the nearest lines, at least one step long', () => {
    expect(quantiseSpan(130, 100, 120)).toEqual({ tick: 120, durationTicks: 120 });
    expect(quantiseSpan(470, 500, 120)).toEqual({ tick: 480, durationTicks: 480 });
    // A tiny note stays one step long instead of vanishing.
    expect(quantiseSpan(290, 10, 120)).toEqual({ tick: 240, durationTicks: 120 });
    // Triplet grid.
    expect(quantiseSpan(330, 300, 160)).toEqual({ tick: 320, durationTicks: 320 });
    // Never before zero.
    expect(quantiseSpan(-30, 130, 120).tick).toBe(0);
  });
});

describe('music helpers', () => {
  it('names pitches in scientific notation with middle C as C4', () => {
    expect(pitchName(60)).toBe('C4');
    expect(pitchName(69)).toBe('A4');
    expect(pitchName(61)).toBe('C♯4');
    expect(pitchName(0)).toBe('C-1');
    expect(pitchName(127)).toBe('G9');
  });

  it('knows the black keys', () => {
    expect([60, 61, 62, 63, 64, 65, 66].map(isBlackKey)).toEqual([false, true, false, true, false, false, true]);
  });

  it('knows which pitches are in a key', () => {
    const cMajor = { tonic: 0, mode: 'major' as const };
    expect([60, 62, 64, 65, 67, 69, 71].every((p) => inScale(p, cMajor))).toBe(true);
    expect([61, 63, 66, 68, 70].some((p) => inScale(p, cMajor))).toBe(false);
    const aMinor = { tonic: 9, mode: 'minor' as const };
    expect(inScale(57, aMinor)).toBe(true);
    expect(inScale(56, aMinor)).toBe(false);
    const eMinor = { tonic: 4, mode: 'minor' as const };
    expect(inScale(66, eMinor)).toBe(true); // F♯
    expect(inScale(65, eMinor)).toBe(false); // F
    expect(keyName({ tonic: 6, mode: 'minor' })).toBe('F♯ minor');
  });

  it('clamps pitch and velocity into MIDI range', () => {
    expect(clampPitch(130)).toBe(127);
    expect(clampPitch(-4)).toBe(0);
    expect(clampVelocity(0)).toBe(1);
    expect(clampVelocity(200)).toBe(127);
    expect(clampVelocity(63.6)).toBe(64);
  });

  it('measures beats and bars from the time signature', () => {
    expect(ticksPerBeat({ ppq: 480, timeSignature: { numerator: 4, denominator: 4 } })).toBe(480);
    expect(ticksPerBar({ ppq: 480, timeSignature: { numerator: 4, denominator: 4 } })).toBe(1920);
    expect(ticksPerBeat({ ppq: 480, timeSignature: { numerator: 6, denominator: 8 } })).toBe(240);
    expect(ticksPerBar({ ppq: 480, timeSignature: { numerator: 6, denominator: 8 } })).toBe(1440);
    expect(ticksPerBar({ ppq: 480, timeSignature: { numerator: 3, denominator: 4 } })).toBe(1440);
  });

  it('formats positions as bars:beats:ticks', () => {
    const fourFour = { ppq: 480, timeSignature: { numerator: 4, denominator: 4 } };
    expect(formatPosition(0, fourFour)).toBe('1:1:000');
    expect(formatPosition(480 * 5 + 60, fourFour)).toBe('2:2:060');
    expect(formatPosition(1919, fourFour)).toBe('1:4:479');
    const sixEight = { ppq: 480, timeSignature: { numerator: 6, denominator: 8 } };
    expect(formatPosition(1440 + 250, sixEight)).toBe('2:2:010');
  });

  it('converts ticks and seconds at a tempo', () => {
    expect(ticksToSeconds(480, 120, 480)).toBeCloseTo(0.5);
    expect(ticksToSeconds(1920, 90, 480)).toBeCloseTo(8 / 3);
    expect(secondsToTicks(0.5, 120, 480)).toBeCloseTo(480);
  });
});
