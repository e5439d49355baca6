/**
 * Music data shared by the MIDI reader/writer, the melody model, the API and the piano roll.
 * Ticks are canonical; seconds are derived from the tempo map.
 */

/** One note as read from or written to a Standard MIDI File. */
export interface MidiNote {
  pitch: number; // 0-127
  velocity: number; // 1-127
  tick: number; // onset, absolute ticks
  durationTicks: number; // > 0
  channel: number; // 0-15 (9 is General MIDI drums)
}

export interface MidiTrack {
  name: string;
  /** Program (instrument) of the track's first program change, if any. */
  program: number | null;
  notes: MidiNote[];
}

export interface TempoChange {
  tick: number;
  /** Microseconds per quarter note, as stored in the file. */
  microsecondsPerQuarter: number;
}

export interface TimeSignatureChange {
  tick: number;
  numerator: number;
  denominator: number;
}

export interface KeySignatureChange {
  tick: number;
  /** -7 (7 flats) .. 7 (7 sharps). */
  fifths: number;
  mode: 'major' | 'minor';
}

export interface LyricEvent {
  tick: number;
  text: string;
}

/** A whole parsed MIDI file: plain JSON-serialisable data. */
export interface MidiSong {
  format: 0 | 1;
  /** Ticks per quarter note. SMPTE-timed files are converted to a PPQ grid by the reader. */
  ppq: number;
  tracks: MidiTrack[];
  tempos: TempoChange[];
  timeSignatures: TimeSignatureChange[];
  keySignatures: KeySignatureChange[];
  lyrics: LyricEvent[];
  /** End of the last event, in ticks. */
  durationTicks: number;
  /**
   * What the reader repaired or ignored (e.g. a note-on never turned off, closed at track end),
   * each message naming its byte offset. Set (possibly empty) by readMidi; ignored by writeMidi.
   */
  warnings?: string[];
}

/** A note in the editor: like MidiNote, plus a stable id for selection and undo. */
export interface ClipNote {
  id: string;
  pitch: number;
  tick: number;
  durationTicks: number;
  velocity: number;
}

/** What the piano roll edits and the melody model continues: one monophonic-or-not clip. */
export interface Clip {
  ppq: number;
  notes: ClipNote[];
  bpm: number;
  timeSignature: { numerator: number; denominator: number };
  /** Key for display and for the generator's scale lock; null when unknown. */
  key: { tonic: number; mode: 'major' | 'minor' } | null;
  /** Length of the clip in ticks (at least the end of the last note). */
  lengthTicks: number;
}
