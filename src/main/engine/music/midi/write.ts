import { MotifError } from '../../../../shared/errors';
import type { MidiSong } from '../../../../shared/music';

/** Encode a MidiSong as a format-1 Standard MIDI File (work in progress). */
export function writeMidi(_song: MidiSong): Uint8Array {
  throw new MotifError('internal', 'writeMidi is not implemented yet');
}
