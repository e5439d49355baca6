import { MotifError } from '../../../../shared/errors';
import type { MidiSong } from '../../../../shared/music';

/** Parse Standard MIDI File bytes (work in progress: the full reader lands next). */
export function readMidi(_bytes: Uint8Array): MidiSong {
  throw new MotifError('internal', 'readMidi is not implemented yet');
}
