/** MIDI files as Compose opens and writes them: size limits, extensions, names and bytes. */
import type { OpenedMidi } from '../../../shared/compose-api';
import type { Clip } from '../../../shared/music';
import { DRUM_CHANNEL, clipToSong, readMidi, songToClip, writeMidi } from '../music/midi';

export const MAX_MIDI_BYTES = 16 * 1024 * 1024;
export const MIDI_EXTENSIONS = new Set(['.mid', '.midi', '.kar', '.rmi']);

export function opened(bytes: Uint8Array, name: string): OpenedMidi {
  const song = readMidi(bytes);
  return {
    clip: songToClip(song),
    name,
    tracks: song.tracks.length,
    drumNotesLeftOut: song.tracks.reduce((n, t) => n + t.notes.filter((note) => note.channel === DRUM_CHANNEL).length, 0),
    warnings: song.warnings ?? [],
  };
}

/** A safe file name for a clip: letters, digits, spaces and a few marks; `.mid` appended. */
export function midiFileName(name: string): string {
  const base = name.replace(/[^\p{L}\p{N} _.,()'-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'Untitled';
  return `${base.replace(/\.(mid|midi)$/i, '')}.mid`;
}

export function clipBytes(clip: Clip, name: string): Uint8Array {
  return writeMidi(clipToSong(clip, { name }));
}

