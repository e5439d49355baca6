import { MotifError } from '../../../../shared/errors';

/** What is wrong with a file that the reader refuses. */
export type MidiErrorCode =
  | 'not-midi' // neither an 'MThd' header nor a RIFF RMID container at the start
  | 'bad-container' // a RIFF RMID wrapper that is malformed or holds no 'data' chunk
  | 'bad-header' // the MThd chunk is too short, declares no tracks, or has an invalid division
  | 'unsupported-format' // format 2 (independent sequences) or an unknown format number
  | 'bad-chunk' // bytes where a chunk header was expected
  | 'truncated' // a declared length, event or chunk runs past the end of the data
  | 'bad-event' // an invalid status byte, data byte, variable-length quantity or running status
  | 'too-large'; // more events than the reader's cap

/**
 * A MIDI file the reader cannot use. Kind `invalid-input` so it crosses boundaries as a user
 * error; `offset` is the byte offset (from the start of the given bytes) where the problem is.
 */
export class MidiParseError extends MotifError {
  readonly code: MidiErrorCode;
  readonly offset: number;

  constructor(code: MidiErrorCode, offset: number, problem: string) {
    super('invalid-input', `Invalid MIDI file (${code}) at byte ${offset}: ${problem}`);
    this.name = 'MidiParseError';
    this.code = code;
    this.offset = offset;
  }
}

/** A song the writer cannot encode (a pitch out of range, a negative tick, ...). */
export class MidiWriteError extends MotifError {
  constructor(problem: string) {
    super('invalid-input', `Cannot write MIDI: ${problem}`);
    this.name = 'MidiWriteError';
  }
}
