import type { MidiNote } from '../../../../shared/music';
import type { WarningLog } from './warnings';

interface OpenNote {
  tick: number;
  velocity: number;
}

/** A first-in-first-out queue that pops in O(1) (head and tail indices, not Array.shift). */
class OpenQueue {
  private readonly items: OpenNote[] = [];
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(note: OpenNote): void {
    this.items[this.tail] = note;
    this.tail += 1;
  }

  shift(): OpenNote | undefined {
    if (this.head === this.tail) return undefined;
    const note = this.items[this.head];
    this.head += 1;
    if (this.head === this.tail) {
      // Empty again: reuse the slots from the start.
      this.head = 0;
      this.tail = 0;
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
  /** The latest note end, in ticks. */
  lastEnd = 0;
  private readonly strayMessage: string;
  private readonly zeroMessage: string;

  constructor(
    private readonly trackLabel: string,
    private readonly warnings: WarningLog,
  ) {
    this.strayMessage = `${trackLabel}: note-off without a sounding note-on, ignored`;
    this.zeroMessage = `${trackLabel}: zero-length note dropped`;
  }

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
      this.warnings.add(`${this.trackLabel}:stray-off`, this.strayMessage, offset);
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
      this.warnings.add(`${this.trackLabel}:zero-length`, this.zeroMessage, offset);
      return;
    }
    if (endTick > this.lastEnd) this.lastEnd = endTick;
    this.notes.push({ pitch, velocity: started.velocity, tick: started.tick, durationTicks, channel });
  }
}

/** Deterministic note order: onset, then pitch, then channel, then duration. */
export function compareNotes(a: MidiNote, b: MidiNote): number {
  return a.tick - b.tick || a.pitch - b.pitch || a.channel - b.channel || a.durationTicks - b.durationTicks;
}
