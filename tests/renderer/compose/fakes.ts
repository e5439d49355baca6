/** Test doubles for the Compose area: a recording audio engine with a settable clock, and a manual timer. */
import type { ClipNote } from '../../../src/shared/music';
import type { AudioEngine, ScheduledNote, Timer } from '../../../src/renderer/src/compose/audio';

export class FakeAudioEngine implements AudioEngine {
  /** The audio clock, in seconds; tests move it forward. */
  time = 10;
  started = false;
  startCalls = 0;
  failStart: Error | null = null;
  notes: ScheduledNote[] = [];
  clicks: { time: number; accent: boolean }[] = [];
  stopAllCalls = 0;
  disposed = false;
  /** Every call in order, to check what happened after a stop. */
  log: string[] = [];

  async start(): Promise<void> {
    this.startCalls++;
    if (this.failStart) throw this.failStart;
    this.started = true;
  }

  now(): number {
    return this.time;
  }

  playNote(note: ScheduledNote): void {
    this.notes.push(note);
    this.log.push(`note ${note.pitch}`);
  }

  click(time: number, accent: boolean): void {
    this.clicks.push({ time, accent });
    this.log.push('click');
  }

  stopAll(): void {
    this.stopAllCalls++;
    this.log.push('stopAll');
  }

  dispose(): void {
    this.disposed = true;
  }
}

export class ManualTimer implements Timer {
  callback: (() => void) | null = null;
  intervalMs: number | null = null;

  every(ms: number, callback: () => void): () => void {
    this.callback = callback;
    this.intervalMs = ms;
    return () => {
      if (this.callback === callback) this.callback = null;
    };
  }

  get running(): boolean {
    return this.callback !== null;
  }

  fire(): void {
    this.callback?.();
  }
}

/** A note with defaults (velocity 100, a quarter at 480 PPQ). */
export function note(id: string, pitch: number, tick: number, durationTicks = 480, velocity = 100): ClipNote {
  return { id, pitch, tick, durationTicks, velocity };
}

/** Lets promise callbacks (an awaited engine.start()) run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
