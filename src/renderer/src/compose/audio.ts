/**
 * What playback needs from a sound engine. The studio uses Tone.js behind this (toneEngine.ts);
 * tests use a recording fake, since Web Audio does not exist in jsdom.
 */

/** A note to sound at `time` (seconds on the engine's clock) for `duration` seconds. */
export interface ScheduledNote {
  pitch: number;
  /** 1-127. */
  velocity: number;
  time: number;
  duration: number;
}

export interface AudioEngine {
  /** Creates or resumes the audio context; call it from a user gesture (a click or a key press). */
  start(): Promise<void>;
  /** Whether start() has finished, so notes can sound now. */
  readonly started: boolean;
  /** Seconds on the audio clock. */
  now(): number;
  playNote(note: ScheduledNote): void;
  /** A metronome click; `accent` on the first beat of a bar. */
  click(time: number, accent: boolean): void;
  /** Silences every sounding voice at once and drops everything scheduled. */
  stopAll(): void;
  dispose(): void;
}

/** Runs a callback every few milliseconds until the returned function is called. */
export interface Timer {
  every(ms: number, callback: () => void): () => void;
}

export const intervalTimer: Timer = {
  every(ms, callback) {
    const handle = setInterval(callback, ms);
    return () => clearInterval(handle);
  },
};
