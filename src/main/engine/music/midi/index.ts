/**
 * MIDI I/O for the engine: pure functions of bytes (no electron, no filesystem).
 * `readMidi` turns Standard MIDI File bytes into a MidiSong; `writeMidi` turns a MidiSong into a
 * conformant format-1 file.
 */
export { readMidi } from './read';
export { writeMidi } from './write';
export type { ReadMidiOptions } from './read';
export { DEFAULT_MAX_EVENTS } from './read';
export { MidiParseError, MidiWriteError, type MidiErrorCode } from './errors';
export { normalizeForWrite, repairOverlaps, WRITE_PPQ } from './normalize';
export { ticksToSeconds } from './tempo-map';
export { smpteGrid, type SmpteGrid } from './smpte';
export {
  clipToSong,
  songToClip,
  fifthsOf,
  tonicOf,
  DRUM_CHANNEL,
  type ClipToSongOptions,
  type SongToClipOptions,
} from './clip';
