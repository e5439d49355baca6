import type { MidiNote } from '../../../../shared/music';
import type { WarningLog } from './warnings';

interface OpenNote {
  tick: number;
  velocity: number;
}

/** A first-in-first-out queue that pops in O(1) (a head index, not Array.shift). */
class OpenQueue {
  items: OpenNote[] = [];
  head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(note: OpenNote): void {
    this.items.push(note);
  }

  shift(): OpenNote | undefined {
    const note = this.items[this.head];
    this.head += 1;
    if (this.head >= this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return note;
  }
}

/**
 * Pairs note-ons with note-offs within one track, per channel and pitch. Overlapping notes of the
 * same pitch are paired first-in-first-out: a note-off ends the earliest still-sounding note-on of
 * that channel and pitch. A note-on with velocity 0 is a note-off (the caller passes it as one).
 * Notes that would last zero ticks are dropped with a warning (MidiNote requires duration > 0).
 */
export class NotePairer {
  readonly notes: MidiNote[] = [];
  private readonly open = new Map<number, OpenQueue>();
  private openCount = 0;

  constructor(
    private readonly trackLabel: string,
    private readonly warnings: WarningLog,
  ) {}

  noteOn(tick: number, channel: number, pitch: number, velocity: number): void {
    const key = channel * 128 + pitch;
    let queue = this.open.get(key);
    if (!queue) {
      queue = new OpenQueue();
      this.open.set(key, queue);
    }
    queue.push({ tick, velocity });
    this.openCount += 1;
  }

  noteOff(tick: number, channel: number, pitch: number, offset: number): void {
    const queue = this.open.get(channel * 128 + pitch);
    const started = queue && queue.size > 0 ? queue.shift() : undefined;
    if (!started) {
      this.warnings.add(
        `${this.trackLabel}:stray-off`,
        `${this.trackLabel}: note-off without a sounding note-on, ignored`,
        offset,
      );
      return;
    }
    this.openCount -= 1;
    this.emit(started, tick, channel, pitch, offset);
  }

  /** Close every note still sounding at the end of the track. */
  closeAll(endTick: number, offset: number): void {
    if (this.openCount === 0) return;
    for (const [key, queue] of this.open) {
      while (queue.size > 0) {
        const started = queue.shift();
        if (!started) break;
        this.warnings.add(
          `${this.trackLabel}:unterminated`,
          `${this.trackLabel}: note-on never turned off, closed at the end of the track (tick ${endTick})`,
          offset,
        );
        this.emit(started, endTick, key >> 7, key & 0x7f, offset);
      }
    }
    this.openCount = 0;
  }

  private emit(started: OpenNote, endTick: number, channel: number, pitch: number, offset: number): void {
    const durationTicks = endTick - started.tick;
    if (durationTicks <= 0) {
      this.warnings.add(`${this.trackLabel}:zero-length`, `${this.trackLabel}: zero-length note dropped`, offset);
      return;
    }
    this.notes.push({ pitch, velocity: started.velocity, tick: started.tick, durationTicks, channel });
  }
}

/** Deterministic note order: onset, then pitch, then channel, then duration. */
export function compareNotes(a: MidiNote, b: MidiNote): number {
  return a.tick - b.tick || a.pitch - b.pitch || a.channel - b.channel || a.durationTicks - b.durationTicks;
}
