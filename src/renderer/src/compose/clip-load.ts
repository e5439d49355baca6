/**
 * Clips as the editor takes them in: the empty clip it starts from, and the clean-up a loaded
 * clip's notes get (no zero-length notes, fresh ids for missing or repeated ones, fields in range).
 */
import type { Clip, ClipNote } from '../../../shared/music';
import { DEFAULT_BPM, DEFAULT_PPQ, clampPitch, clampVelocity, ticksPerBar } from './music';
import type { NoteIds } from './notes';

export const DEFAULT_BARS = 4;

export function emptyClip(overrides: Partial<Clip> = {}): Clip {
  const ppq = overrides.ppq ?? DEFAULT_PPQ;
  const timeSignature = overrides.timeSignature ?? { numerator: 4, denominator: 4 };
  return {
    ppq,
    bpm: overrides.bpm ?? DEFAULT_BPM,
    timeSignature,
    key: overrides.key ?? null,
    notes: overrides.notes ?? [],
    lengthTicks: overrides.lengthTicks ?? ticksPerBar({ ppq, timeSignature }) * DEFAULT_BARS,
  };
}

/** A loaded clip's notes, cleaned up; `ids` (already past the loaded ids) hands out the fresh ones. */
export function loadedNotes(notes: readonly ClipNote[], ids: NoteIds): ClipNote[] {
  const seen: Record<string, true> = Object.create(null) as Record<string, true>;
  return notes
    .filter((n) => n.durationTicks > 0)
    .map((n) => {
      const id = seen[n.id] || n.id === '' ? ids.next() : n.id;
      seen[id] = true;
      return {
        id,
        pitch: clampPitch(n.pitch),
        tick: Math.max(0, Math.round(n.tick)),
        durationTicks: Math.round(n.durationTicks),
        velocity: clampVelocity(n.velocity),
      };
    });
}
