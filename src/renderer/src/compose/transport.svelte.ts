/**
 * Play/stop, loop and metronome for the clip in the editor. A look-ahead scheduler (the "two
 * clocks" pattern): a timer wakes it every few milliseconds, and it hands the audio engine every
 * note and click due in the next slice of audio time, at exact audio-clock times. The playhead is
 * read back from the same clock, through the segments it scheduled (a loop wrap starts a segment).
 */
import type { AudioEngine, Timer } from './audio';
import { intervalTimer } from './audio';
import type { ClipNote } from '../../../shared/music';
import type { ClipEditor } from './editor.svelte';
import { noteEnd, sortNotes } from './notes';
import { beatsIn, notesStartingIn } from './schedule';

/** Seconds between pressing play and the first note, so the first notes are not late. */
export const START_LATENCY = 0.05;
/** How far ahead (seconds) each wake-up schedules. */
export const LOOKAHEAD = 0.12;
/** Milliseconds between wake-ups. */
export const WAKE_MS = 25;
/** How long a previewed note (a piano key, a drawn note) sounds. */
export const PREVIEW_SECONDS = 0.32;

/** Notes played instead of the clip's (auditioning a variation), up to `end`. */
interface Audition {
  key: string;
  notes: readonly ClipNote[];
  end: number;
  /** Where the playhead goes back to when the audition ends. */
  returnTo: number;
}

interface Segment {
  /** Audio time at which the playhead is at `tick`. */
  time: number;
  tick: number;
  ticksPerSecond: number;
}

export class Transport {
  playing = $state(false);
  /** Waiting for the audio context to start. */
  starting = $state(false);
  looping = $state(false);
  metronome = $state(false);
  /** Playhead in ticks: where playback starts, and while playing, roughly where it is (see currentTick). */
  position = $state(0);
  /** Why audio could not start, if it could not. */
  error = $state<string | null>(null);
  /** The key of what is being auditioned (a variation), or null while the clip itself plays. */
  auditioning = $state<string | null>(null);

  readonly editor: ClipEditor;
  readonly engine: AudioEngine;
  readonly #timer: Timer;
  #stopTimer: (() => void) | null = null;
  #startTick = 0;
  #cursorTick = 0;
  #cursorTime = 0;
  #segments: Segment[] = [];
  /** Audio time at which a non-looping play reaches the end of the clip. */
  #endTime: number | null = null;
  /** Bumped by every play and stop, so a play that is still starting can tell it was overtaken. */
  #run = 0;
  #audition: Audition | null = null;

  constructor(editor: ClipEditor, engine: AudioEngine, timer: Timer = intervalTimer) {
    this.editor = editor;
    this.engine = engine;
    this.#timer = timer;
  }

  get ticksPerSecond(): number {
    return (this.editor.bpm * this.editor.ppq) / 60;
  }

  /** Starts playback from `position` (from the loop start when looping and past the loop's end). */
  async play(): Promise<void> {
    if (this.playing || this.starting) return;
    const run = ++this.#run;
    this.starting = true;
    this.error = null;
    try {
      await this.engine.start();
    } catch (error) {
      if (run === this.#run) {
        this.starting = false;
        this.error = `Audio could not start: ${error instanceof Error ? error.message : String(error)}`;
      }
      return;
    }
    if (run !== this.#run) return;
    this.starting = false;
    const editor = this.editor;
    let start = this.position >= this.#endTick() ? 0 : Math.max(0, this.position);
    if (this.#looping() && start >= editor.loopEnd) start = editor.loopStart;
    this.#startTick = start;
    this.position = start;
    this.#cursorTick = start;
    this.#cursorTime = this.engine.now() + START_LATENCY;
    this.#segments = [{ time: this.#cursorTime, tick: start, ticksPerSecond: this.ticksPerSecond }];
    this.#endTime = null;
    this.playing = true;
    this.update();
    this.#stopTimer = this.#timer.every(WAKE_MS, () => this.update());
  }

  /**
   * Plays `notes` (the clip with a variation in it) instead of the clip, from `from` to `to`,
   * without looping; `key` names what is auditioned (see `auditioning`). Stop silences it, and the
   * playhead goes back to where it was before.
   */
  async audition(key: string, notes: readonly ClipNote[], from: number, to: number): Promise<void> {
    this.stop();
    const returnTo = this.position;
    this.#audition = { key, notes: sortNotes(notes), end: Math.max(Math.round(to), 1), returnTo };
    this.auditioning = key;
    this.position = Math.max(0, Math.min(Math.round(from), this.#audition.end - 1));
    await this.play();
    if (!this.playing && !this.starting && this.#audition?.key === key) this.#endAudition();
  }

  /** Stops at once: every voice is silenced, and the playhead goes back to where playback started. */
  stop(): void {
    this.#halt();
    this.engine.stopAll();
  }

  /** Stops scheduling and returns the playhead; the voices are left to the caller. */
  #halt(): void {
    this.#run++;
    this.starting = false;
    this.#stopTimer?.();
    this.#stopTimer = null;
    if (this.playing) {
      this.playing = false;
      this.position = this.#startTick;
    }
    this.#segments = [];
    this.#endTime = null;
    this.#endAudition();
  }

  #endAudition(): void {
    if (!this.#audition) return;
    this.position = this.#audition.returnTo;
    this.#audition = null;
    this.auditioning = null;
  }

  toggle(): Promise<void> {
    if (this.playing || this.starting) {
      this.stop();
      return Promise.resolve();
    }
    return this.play();
  }

  /** Moves the playhead; while playing, playback continues from there. */
  seek(tick: number): void {
    const target = Math.max(0, Math.min(Math.round(tick), this.editor.lengthTicks));
    if (!this.playing) {
      this.position = target;
      return;
    }
    this.engine.stopAll();
    this.#startTick = target;
    this.#cursorTick = target;
    this.#cursorTime = this.engine.now() + START_LATENCY;
    this.#segments = [{ time: this.#cursorTime, tick: target, ticksPerSecond: this.ticksPerSecond }];
    this.#endTime = null;
    this.position = target;
    this.update();
  }

  toggleLoop(): void {
    this.looping = !this.looping;
  }

  toggleMetronome(): void {
    this.metronome = !this.metronome;
  }

  /** Where the playhead is now, from the audio clock (for drawing it smoothly every frame). */
  currentTick(): number {
    if (!this.playing) return this.position;
    return this.#tickAt(this.engine.now());
  }

  /** Sounds one note now (a piano key or a freshly drawn note), starting audio if needed. */
  async preview(pitch: number, velocity = 100): Promise<void> {
    try {
      await this.engine.start();
    } catch {
      return;
    }
    this.engine.playNote({ pitch, velocity, time: this.engine.now(), duration: PREVIEW_SECONDS });
  }

  /** One wake-up: schedules what is due before now + LOOKAHEAD, moves the playhead, ends at the clip's end. */
  update(): void {
    if (!this.playing) return;
    const now = this.engine.now();
    const horizon = now + LOOKAHEAD;
    const editor = this.editor;
    const notes = this.#audition?.notes ?? editor.notes;
    let guard = 0;
    while (this.#cursorTime < horizon && this.#endTime === null && guard++ < 1000) {
      const tps = this.ticksPerSecond;
      const last = this.#segments[this.#segments.length - 1];
      if (last && last.ticksPerSecond !== tps) {
        this.#segments.push({ time: this.#cursorTime, tick: this.#cursorTick, ticksPerSecond: tps });
      }
      const looping = this.#looping() && this.#cursorTick < editor.loopEnd;
      const endTick = looping ? editor.loopEnd : this.#endTick();
      if (this.#cursorTick >= endTick) {
        this.#endTime = this.#cursorTime;
        break;
      }
      const from = this.#cursorTick;
      const to = Math.min(endTick, from + (horizon - this.#cursorTime) * tps);
      const at = (tick: number): number => this.#cursorTime + (tick - from) / tps;
      for (const note of notesStartingIn(notes, from, to)) {
        const end = looping ? Math.min(noteEnd(note), endTick) : noteEnd(note);
        this.engine.playNote({
          pitch: note.pitch,
          velocity: note.velocity,
          time: at(note.tick),
          duration: (end - note.tick) / tps,
        });
      }
      if (this.metronome) {
        for (const beat of beatsIn(from, to, editor.beatTicks, editor.barTicks))
          this.engine.click(at(beat.tick), beat.accent);
      }
      this.#cursorTime = at(to);
      this.#cursorTick = to;
      if (looping && to >= editor.loopEnd) {
        this.#cursorTick = editor.loopStart;
        this.#segments.push({ time: this.#cursorTime, tick: editor.loopStart, ticksPerSecond: tps });
      }
    }
    // Keep only the segment the playhead is in and those after it.
    while (this.#segments.length > 1 && (this.#segments[1]?.time ?? Infinity) <= now) this.#segments.shift();
    if (this.#endTime !== null && now >= this.#endTime) {
      // The clip has ended: the last notes were scheduled to end by now, so let their release ring.
      this.#halt();
      return;
    }
    this.position = Math.round(this.#tickAt(now));
  }

  dispose(): void {
    this.stop();
    this.engine.dispose();
  }

  #loopValid(): boolean {
    return this.editor.loopEnd > this.editor.loopStart;
  }

  /** Looping applies to the clip, never to an audition. */
  #looping(): boolean {
    return this.looping && this.#audition === null && this.#loopValid();
  }

  /** Where playback ends: the clip's end, or the end of what is auditioned. */
  #endTick(): number {
    return this.#audition?.end ?? this.editor.lengthTicks;
  }

  #tickAt(time: number): number {
    let segment = this.#segments[0];
    if (!segment) return this.position;
    for (const candidate of this.#segments) {
      if (candidate.time <= time) segment = candidate;
      else break;
    }
    if (time <= segment.time) return segment.tick;
    return segment.tick + (time - segment.time) * segment.ticksPerSecond;
  }
}
