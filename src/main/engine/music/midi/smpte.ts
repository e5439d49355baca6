import { MidiParseError } from './errors';

/**
 * SMPTE division: the high byte is minus the frame rate (-24, -25, -29 for 29.97 drop-frame, -30)
 * and the low byte is ticks per frame. Such files count absolute time, not beats. We keep every
 * tick as it is and choose a PPQ grid with a fixed tempo that gives each tick its exact duration:
 *
 *   ppq = nominal fps (24, 25, 30, or 30 for 29.97) x ticks per frame, and
 *   tempo = 1,000,000 us per quarter (one quarter = one second), or 1,001,000 us for 29.97 fps
 *   (30 x ticks-per-frame ticks then last 1.001 s, i.e. 29.97 frames per second exactly).
 *
 * Tempo events in an SMPTE file do not change its timing, so the reader ignores them (with a
 * warning) and reports this single tempo instead.
 */
export interface SmpteGrid {
  ppq: number;
  microsecondsPerQuarter: number;
  framesPerSecond: 24 | 25 | 29.97 | 30;
  ticksPerFrame: number;
}

export function smpteGrid(division: number, offset: number): SmpteGrid {
  const high = division >> 8;
  const fps = 0x100 - high;
  const ticksPerFrame = division & 0xff;
  if (fps !== 24 && fps !== 25 && fps !== 29 && fps !== 30) {
    throw new MidiParseError(
      'bad-header',
      offset,
      `SMPTE division with ${fps} frames per second (24, 25, 29 or 30 expected)`,
    );
  }
  if (ticksPerFrame === 0) throw new MidiParseError('bad-header', offset, 'SMPTE division with 0 ticks per frame');
  const nominal = fps === 29 ? 30 : fps;
  return {
    ppq: nominal * ticksPerFrame,
    microsecondsPerQuarter: fps === 29 ? 1_001_000 : 1_000_000,
    framesPerSecond: fps === 29 ? 29.97 : fps,
    ticksPerFrame,
  };
}
