import type { MidiSong } from '../../../../shared/music';

const DEFAULT_MICROSECONDS_PER_QUARTER = 500_000;

/**
 * Seconds are derived, never stored: a function from ticks to seconds under the song's tempo map
 * (120 bpm before the first tempo event). Segments are precomputed, so each call is a binary search.
 */
export function ticksToSeconds(song: Pick<MidiSong, 'ppq' | 'tempos'>): (tick: number) => number {
  const tempos = [...song.tempos].sort((a, b) => a.tick - b.tick);
  const starts: number[] = [0];
  const seconds: number[] = [0];
  const rates: number[] = [DEFAULT_MICROSECONDS_PER_QUARTER / 1e6 / song.ppq];
  for (const tempo of tempos) {
    const last = starts.length - 1;
    const lastStart = starts[last] ?? 0;
    const at = (seconds[last] ?? 0) + (tempo.tick - lastStart) * (rates[last] ?? 0);
    if (tempo.tick === lastStart) {
      rates[last] = tempo.microsecondsPerQuarter / 1e6 / song.ppq;
    } else {
      starts.push(tempo.tick);
      seconds.push(at);
      rates.push(tempo.microsecondsPerQuarter / 1e6 / song.ppq);
    }
  }
  return (tick: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= tick) lo = mid;
      else hi = mid - 1;
    }
    return (seconds[lo] ?? 0) + (tick - (starts[lo] ?? 0)) * (rates[lo] ?? 0);
  };
}
