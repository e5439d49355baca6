import { describe, expect, it } from 'vitest';
import { ClipEditor, emptyClip } from '../../../src/renderer/src/compose/editor.svelte';
import { LOOKAHEAD, START_LATENCY, Transport, WAKE_MS } from '../../../src/renderer/src/compose/transport.svelte';
import type { ClipNote } from '../../../src/shared/music';
import { FakeAudioEngine, ManualTimer, flushPromises, note } from './fakes';

const T0 = 10;

async function playing(notes: ClipNote[], options: { bpm?: number; bars?: number } = {}) {
  const editor = new ClipEditor({
    clip: emptyClip({ notes, bpm: options.bpm ?? 120, lengthTicks: (options.bars ?? 4) * 1920 }),
  });
  const audio = new FakeAudioEngine();
  audio.time = T0;
  const timer = new ManualTimer();
  const transport = new Transport(editor, audio, timer);
  /** Moves the audio clock on by `seconds`, waking the scheduler every WAKE_MS like the real timer. */
  const advance = (seconds: number): void => {
    const steps = Math.round(seconds / (WAKE_MS / 1000));
    for (let i = 0; i < steps; i++) {
      audio.time += WAKE_MS / 1000;
      timer.fire();
    }
  };
  return { editor, audio, timer, transport, advance };
}

const start = T0 + START_LATENCY;
const played = (audio: FakeAudioEngine) =>
  audio.notes.map((n) => ({ pitch: n.pitch, time: +n.time.toFixed(4), duration: +n.duration.toFixed(4) }));

describe('Transport scheduling', () => {
  it('schedules every note once, at its time for the tempo', async () => {
    const melody = [
      note('a', 60, 0, 480, 90),
      note('b', 62, 480, 240),
      note('c', 64, 1200, 720),
      note('d', 67, 1920, 960),
    ];
    const { transport, audio, advance } = await playing(melody);
    await transport.play();
    expect(transport.playing).toBe(true);
    advance(3);
    // 120 BPM at 480 PPQ: 960 ticks a second.
    expect(played(audio)).toEqual([
      { pitch: 60, time: start, duration: 0.5 },
      { pitch: 62, time: start + 0.5, duration: 0.25 },
      { pitch: 64, time: start + 1.25, duration: 0.75 },
      { pitch: 67, time: start + 2, duration: 1 },
    ]);
    expect(audio.notes[0]?.velocity).toBe(90);
  });

  it('follows the tempo', async () => {
    const { transport, audio, advance } = await playing([note('a', 60, 0), note('b', 62, 960, 480)], { bpm: 90 });
    await transport.play();
    advance(2);
    // 90 BPM: a quarter lasts 2/3 s.
    expect(played(audio)).toEqual([
      { pitch: 60, time: start, duration: +(2 / 3).toFixed(4) },
      { pitch: 62, time: +(start + 4 / 3).toFixed(4), duration: +(2 / 3).toFixed(4) },
    ]);
  });

  it('only schedules a short way ahead of the audio clock', async () => {
    const { transport, audio, advance } = await playing([note('a', 60, 0), note('b', 62, 1920)]);
    await transport.play();
    advance(1);
    expect(audio.notes.map((n) => n.pitch)).toEqual([60]);
    advance(1.5);
    expect(audio.notes.map((n) => n.pitch)).toEqual([60, 62]);
    for (const n of audio.notes) expect(n.time).toBeGreaterThan(T0);
    // Nothing was handed over further ahead than the look-ahead.
    expect(audio.notes[1]!.time - (start + 2)).toBeCloseTo(0);
    expect(LOOKAHEAD).toBeLessThan(0.5);
  });

  it('picks notes added while playing up before they are due', async () => {
    const { transport, editor, audio, advance } = await playing([note('a', 60, 0)]);
    await transport.play();
    advance(0.5);
    editor.addNote({ tick: 1440, pitch: 72 });
    advance(1.5);
    expect(audio.notes.map((n) => [n.pitch, +n.time.toFixed(4)])).toEqual([
      [60, start],
      [72, start + 1.5],
    ]);
  });

  it('loops the loop range, cutting notes at its end', async () => {
    const { transport, editor, audio, advance } = await playing([
      note('a', 60, 0, 480),
      note('b', 62, 1440, 960),
      note('out', 70, 2400, 480),
    ]);
    editor.setLoop(0, 1920);
    transport.looping = true;
    await transport.play();
    advance(5.9);
    expect(played(audio)).toEqual([
      { pitch: 60, time: start, duration: 0.5 },
      { pitch: 62, time: start + 1.5, duration: 0.5 }, // 960 ticks long, but the loop ends 480 ticks in
      { pitch: 60, time: start + 2, duration: 0.5 },
      { pitch: 62, time: start + 3.5, duration: 0.5 },
      { pitch: 60, time: start + 4, duration: 0.5 },
      { pitch: 62, time: start + 5.5, duration: 0.5 },
    ]);
    // The playhead wraps too.
    expect(transport.currentTick()).toBeGreaterThanOrEqual(0);
    expect(transport.currentTick()).toBeLessThan(1920);
  });

  it('starts from the loop start when looping and the playhead is past the loop', async () => {
    const { transport, editor, audio, advance } = await playing([note('a', 60, 480), note('b', 62, 3840)]);
    editor.setLoop(480, 1920);
    transport.looping = true;
    transport.seek(3000);
    await transport.play();
    advance(0.2);
    expect(played(audio)[0]).toEqual({ pitch: 60, time: start, duration: 0.5 });
  });

  it('plays from the playhead position', async () => {
    const { transport, audio, advance } = await playing([note('a', 60, 0), note('b', 62, 1920), note('c', 64, 2400)]);
    transport.seek(1920);
    await transport.play();
    advance(1);
    expect(played(audio).map((n) => [n.pitch, n.time])).toEqual([
      [62, start],
      [64, start + 0.5],
    ]);
  });

  it('clicks the metronome on every beat, accenting the first of each bar', async () => {
    const { transport, audio, advance, editor } = await playing([]);
    transport.metronome = true;
    await transport.play();
    advance(2.6);
    expect(audio.clicks.map((c) => [+(c.time - start).toFixed(4), c.accent])).toEqual([
      [0, true],
      [0.5, false],
      [1, false],
      [1.5, false],
      [2, true],
      [2.5, false],
    ]);
    // 6/8 at the same tempo: a beat is an eighth (0.25 s), six to a bar.
    transport.stop();
    audio.clicks = [];
    editor.setTimeSignature(6, 8);
    transport.seek(0);
    await transport.play();
    advance(1.6);
    expect(audio.clicks.map((c) => c.accent)).toEqual([true, false, false, false, false, false, true]);
  });

  it('stops by itself at the end of the clip and goes back to where it started', async () => {
    const { transport, audio, timer, advance } = await playing([note('a', 60, 0, 1920)], { bars: 1 });
    await transport.play();
    advance(1.9);
    expect(transport.playing).toBe(true);
    advance(0.3);
    expect(transport.playing).toBe(false);
    expect(timer.running).toBe(false);
    expect(transport.position).toBe(0);
    expect(audio.notes).toHaveLength(1);
  });

  it('moves the playhead with the audio clock', async () => {
    const { transport, advance } = await playing([]);
    transport.seek(480);
    await transport.play();
    expect(transport.currentTick()).toBe(480);
    advance(START_LATENCY + 1);
    expect(transport.currentTick()).toBeCloseTo(480 + 960, -1);
    expect(transport.position).toBeCloseTo(480 + 960, -1);
  });

  it('keeps time across a tempo change while playing', async () => {
    const { transport, editor, audio, advance } = await playing([
      note('a', 60, 0),
      note('b', 62, 1920),
      note('c', 64, 3840),
    ]);
    await transport.play();
    advance(1);
    editor.setBpm(60);
    advance(7);
    expect(audio.notes).toHaveLength(3);
    const [a, b, c] = audio.notes;
    expect(b!.time - a!.time).toBeGreaterThan(2); // the second half of bar 1 runs at half speed
    expect(c!.time - b!.time).toBeCloseTo(4, 1); // bar 2 entirely at 60 BPM
    const tick = transport.currentTick();
    advance(0.5);
    expect(transport.currentTick() - tick).toBeCloseTo(240, -1);
  });
});

describe('Transport stop', () => {
  it('silences everything at once and schedules nothing more', async () => {
    const { transport, audio, timer, advance } = await playing([
      note('a', 60, 0, 3840),
      note('b', 62, 480),
      note('c', 64, 3000),
    ]);
    transport.seek(0);
    await transport.play();
    advance(0.6);
    transport.stop();
    expect(transport.playing).toBe(false);
    expect(audio.stopAllCalls).toBe(1);
    expect(timer.running).toBe(false);
    const afterStop = audio.log.slice(audio.log.indexOf('stopAll') + 1);
    advance(5);
    timer.fire();
    transport.update();
    expect(afterStop).toEqual([]);
    expect(audio.log.slice(audio.log.indexOf('stopAll') + 1)).toEqual([]);
    expect(transport.position).toBe(0);
  });

  it('toggles between playing and stopped', async () => {
    const { transport, audio } = await playing([]);
    await transport.toggle();
    expect(transport.playing).toBe(true);
    await transport.toggle();
    expect(transport.playing).toBe(false);
    expect(audio.stopAllCalls).toBe(1);
  });

  it('a stop while audio is still starting wins', async () => {
    const { transport, audio, timer } = await playing([note('a', 60, 0)]);
    let release: () => void = () => {};
    audio.start = () => new Promise<void>((resolve) => (release = resolve));
    const pending = transport.play();
    expect(transport.starting).toBe(true);
    transport.stop();
    release();
    await pending;
    expect(transport.playing).toBe(false);
    expect(timer.running).toBe(false);
    expect(audio.notes).toEqual([]);
  });

  it('seeking while playing cuts the sound and carries on from there', async () => {
    const { transport, audio, advance } = await playing([note('a', 60, 0), note('b', 62, 3840)]);
    await transport.play();
    advance(0.3);
    transport.seek(3840);
    expect(audio.stopAllCalls).toBe(1);
    expect(transport.playing).toBe(true);
    advance(0.2);
    expect(audio.notes.map((n) => n.pitch)).toEqual([60, 62]);
    expect(audio.notes[1]!.time).toBeCloseTo(T0 + 0.3 + START_LATENCY, 3);
  });

  it('reports an audio failure instead of playing', async () => {
    const { transport, audio } = await playing([]);
    audio.failStart = new Error('no output device');
    await transport.play();
    expect(transport.playing).toBe(false);
    expect(transport.error).toBe('Audio could not start: no output device');
  });

  it('previews a note now, starting audio first', async () => {
    const { transport, audio } = await playing([]);
    await transport.preview(67, 80);
    await flushPromises();
    expect(audio.startCalls).toBe(1);
    expect(audio.notes).toEqual([{ pitch: 67, velocity: 80, time: T0, duration: expect.any(Number) }]);
  });

  it('dispose stops and releases the engine', async () => {
    const { transport, audio } = await playing([]);
    await transport.play();
    transport.dispose();
    expect(transport.playing).toBe(false);
    expect(audio.disposed).toBe(true);
  });
});
