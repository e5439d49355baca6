/**
 * MIDI I/O for the engine: pure functions of bytes (no electron, no filesystem).
 * `readMidi` turns Standard MIDI File bytes into a MidiSong; `writeMidi` turns a MidiSong into a
 * conformant format-1 file.
 */
export { readMidi } from './read';
export { writeMidi } from './write';
