/** Assertions for readMidi's typed errors: the error class, its code, and the byte offset it names. */
import { expect } from 'vitest';
import { MotifError } from '../../../../src/shared/errors';
import { MidiParseError, readMidi, type MidiErrorCode } from '../../../../src/main/engine/music/midi';

/** Expect a typed MIDI error and return it. */
export function parseError(bytes: Uint8Array): MidiParseError {
  try {
    readMidi(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(MidiParseError);
    expect(error).toBeInstanceOf(MotifError);
    expect((error as MidiParseError).kind).toBe('invalid-input');
    return error as MidiParseError;
  }
  throw new Error('expected readMidi to throw');
}

export function expectError(bytes: Uint8Array, code: MidiErrorCode, offset: number, text?: RegExp): void {
  const error = parseError(bytes);
  expect(error.code).toBe(code);
  expect(error.offset).toBe(offset);
  expect(error.message).toContain(`at byte ${offset}`);
  if (text) expect(error.message).toMatch(text);
}
