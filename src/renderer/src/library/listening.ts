/**
 * Implicit feedback from the player: a "play" once the listener stayed a few seconds (or half
 * of a short clip), a "skip" when playback started but stopped before that. At most one signal
 * per item load, so scrubbing back and forth does not count twice.
 */
export type ListenSignal = 'play' | 'skip';

export const PLAY_AFTER_S = 5;

/** Seconds of actual listening after which an item counts as played. */
export function playThreshold(durationS: number | null): number {
  return durationS !== null && durationS > 0 ? Math.min(PLAY_AFTER_S, durationS / 2) : PLAY_AFTER_S;
}

export class ListenTracker {
  readonly #threshold: number;
  #listened = 0;
  #lastTime: number | null = null;
  #started = false;
  #sent: ListenSignal | null = null;

  constructor(durationS: number | null) {
    this.#threshold = playThreshold(durationS);
  }

  get listenedS(): number {
    return this.#listened;
  }

  get sent(): ListenSignal | null {
    return this.#sent;
  }

  /** Playback started (or resumed) at `time`. */
  play(time: number): void {
    this.#started = true;
    this.#lastTime = time;
  }

  pause(): void {
    this.#lastTime = null;
  }

  /** A seek jumps without listening to the gap. */
  seek(time: number): void {
    if (this.#lastTime !== null) this.#lastTime = time;
  }

  /** Playback reached `time`; returns 'play' the first time the threshold is crossed. */
  progress(time: number): ListenSignal | null {
    if (this.#lastTime !== null) {
      const step = time - this.#lastTime;
      // Only forward steps of normal playback count; a jump is a seek the player reported late.
      if (step > 0 && step < 1.5) this.#listened += step;
      this.#lastTime = time;
    }
    if (this.#sent === null && this.#listened >= this.#threshold) {
      this.#sent = 'play';
      return 'play';
    }
    return null;
  }

  /** The item is being left (another item, unmount): 'skip' if it started but was not played. */
  leave(): ListenSignal | null {
    if (this.#sent === null && this.#started) {
      this.#sent = 'skip';
      return 'skip';
    }
    return null;
  }
}
