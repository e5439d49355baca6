import { describe, expect, it } from 'vitest';
import {
  decodeEvent,
  decodeEvents,
  DEFAULT_PITCH_RANGE,
  encodeEvent,
  encodeEvents,
  NO_EVENT,
  NOTE_OFF,
  pitchOfClass,
  vocabularySize,
} from '../../../src/main/engine/music/model/vocabulary';

describe('melody event vocabulary', () => {
  it('has no-event, note-off and one note-on per pitch (basic_rnn: 48-84 gives 38 classes)', () => {
    expect(vocabularySize(DEFAULT_PITCH_RANGE)).toBe(38);
    expect(vocabularySize({ minPitch: 55, maxPitch: 88 })).toBe(35);
    expect(encodeEvent(DEFAULT_PITCH_RANGE, NO_EVENT)).toBe(0);
    expect(encodeEvent(DEFAULT_PITCH_RANGE, NOTE_OFF)).toBe(1);
    expect(encodeEvent(DEFAULT_PITCH_RANGE, 48)).toBe(2);
    expect(encodeEvent(DEFAULT_PITCH_RANGE, 83)).toBe(37);
    expect(pitchOfClass(DEFAULT_PITCH_RANGE, 37)).toBe(83);
    expect(pitchOfClass(DEFAULT_PITCH_RANGE, 1)).toBeNull();
  });

  it('round-trips every event and every class', () => {
    const range = { minPitch: 40, maxPitch: 70 };
    const events = [NO_EVENT, NOTE_OFF];
    for (let p = 40; p < 70; p++) events.push(p);
    const classes = encodeEvents(range, events);
    expect(new Set(classes).size).toBe(vocabularySize(range));
    expect(decodeEvents(range, classes)).toEqual(events);
    for (let c = 0; c < vocabularySize(range); c++) expect(encodeEvent(range, decodeEvent(range, c))).toBe(c);
  });

  it('refuses pitches outside the range and classes outside the vocabulary', () => {
    expect(() => encodeEvent(DEFAULT_PITCH_RANGE, 84)).toThrow(/not a pitch/);
    expect(() => encodeEvent(DEFAULT_PITCH_RANGE, 47)).toThrow(/not a pitch/);
    expect(() => decodeEvent(DEFAULT_PITCH_RANGE, 38)).toThrow(/outside/);
  });
});
