/**
 * The melody event vocabulary, like Magenta's basic_rnn (MelodyOneHotEncoding): one class per
 * step, either "no event" (the current note, or silence, continues), "note off", or "note on" for
 * each pitch in [minPitch, maxPitch).
 *
 * Melodies keep Magenta's raw event values (NO_EVENT = -2, NOTE_OFF = -1, otherwise a MIDI
 * pitch); the model sees class ids 0..size-1.
 */

/** Raw melody event: the previous note (or rest) continues. */
export const NO_EVENT = -2;
/** Raw melody event: the sounding note stops; silence follows. */
export const NOTE_OFF = -1;

/** Class id of NO_EVENT. */
export const NO_EVENT_CLASS = 0;
/** Class id of NOTE_OFF. */
export const NOTE_OFF_CLASS = 1;
/** Class id of the first pitch. */
export const FIRST_PITCH_CLASS = 2;

export interface PitchRange {
  /** Lowest pitch (inclusive). */
  minPitch: number;
  /** Highest pitch (exclusive). */
  maxPitch: number;
}

/** Magenta basic_rnn's range: C3 (48) up to, not including, C6 (84): 36 pitches, 38 classes. */
export const DEFAULT_PITCH_RANGE: PitchRange = { minPitch: 48, maxPitch: 84 };

export function checkRange(range: PitchRange): void {
  const { minPitch, maxPitch } = range;
  if (
    !Number.isInteger(minPitch) ||
    !Number.isInteger(maxPitch) ||
    minPitch < 0 ||
    maxPitch > 128 ||
    maxPitch - minPitch < 12
  ) {
    throw new Error(
      `pitch range must be integers within 0..128 spanning at least an octave; got [${minPitch}, ${maxPitch})`,
    );
  }
}

/** Number of classes: no-event, note-off and one note-on per pitch. */
export function vocabularySize(range: PitchRange): number {
  return FIRST_PITCH_CLASS + range.maxPitch - range.minPitch;
}

/** Class id of one raw event. Throws on a pitch outside the range (squash melodies first). */
export function encodeEvent(range: PitchRange, event: number): number {
  if (event === NO_EVENT) return NO_EVENT_CLASS;
  if (event === NOTE_OFF) return NOTE_OFF_CLASS;
  if (!Number.isInteger(event) || event < range.minPitch || event >= range.maxPitch) {
    throw new Error(`event ${event} is not a pitch in [${range.minPitch}, ${range.maxPitch})`);
  }
  return FIRST_PITCH_CLASS + event - range.minPitch;
}

/** Raw event of one class id. */
export function decodeEvent(range: PitchRange, cls: number): number {
  if (cls === NO_EVENT_CLASS) return NO_EVENT;
  if (cls === NOTE_OFF_CLASS) return NOTE_OFF;
  const pitch = range.minPitch + cls - FIRST_PITCH_CLASS;
  if (!Number.isInteger(cls) || cls < 0 || pitch >= range.maxPitch)
    throw new Error(`class ${cls} is outside a vocabulary of ${vocabularySize(range)}`);
  return pitch;
}

export function encodeEvents(range: PitchRange, events: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(events.length);
  for (let k = 0; k < events.length; k++) out[k] = encodeEvent(range, events[k] ?? NO_EVENT);
  return out;
}

export function decodeEvents(range: PitchRange, classes: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < classes.length; k++) out.push(decodeEvent(range, classes[k] ?? NO_EVENT_CLASS));
  return out;
}

/** Pitch of a class id, or null for no-event / note-off. */
export function pitchOfClass(range: PitchRange, cls: number): number | null {
  return cls >= FIRST_PITCH_CLASS ? range.minPitch + cls - FIRST_PITCH_CLASS : null;
}
