/**
 * The studio's sound: Tone.js, loaded on the first play or preview (a user gesture), so no audio
 * context exists before the user asks for sound.
 *
 * Voice: a soft FM electric-piano (sine carrier, triangle modulator) through a light convolution
 * reverb with a generated impulse response. The metronome is a short sine click.
 *
 * Tone's own clock normally ticks in a Web Worker made from a blob: URL, which the studio's Content
 * Security Policy forbids, so the engine makes its own context with a timer clock before creating
 * any node. Scheduling is done by the Transport class; this only turns notes into sound.
 *
 * Stop must silence everything at once, including notes Tone has queued for later and the reverb
 * tail, so all voices live in a "voice group" (synth, click, reverb) that stop() fades out in a few
 * milliseconds and throws away; the next note builds a fresh group.
 */
import type * as ToneClasses from 'tone/build/esm/classes.js';
import type { AudioEngine, ScheduledNote } from './audio';

type ToneModule = typeof ToneClasses;
type ToneContext = InstanceType<ToneModule['Context']>;

interface VoiceGroup {
  synth: InstanceType<ToneModule['PolySynth']>;
  click: InstanceType<ToneModule['Synth']>;
  nodes: { dispose(): unknown }[];
  out: InstanceType<ToneModule['Gain']>;
}

/** Tone's look-ahead: longer than the Transport's, so every scheduled note goes straight onto the audio clock. */
const TONE_LOOKAHEAD = 0.25;
const FADE_SECONDS = 0.012;
const REVERB_SECONDS = 2.2;
const REVERB_WET = 0.2;

function midiToHz(pitch: number): number {
  return 440 * 2 ** ((pitch - 69) / 12);
}

export class ToneAudioEngine implements AudioEngine {
  #tone: ToneModule | null = null;
  #context: ToneContext | null = null;
  #master: InstanceType<ToneModule['Limiter']> | null = null;
  #masterInput: InstanceType<ToneModule['Gain']> | null = null;
  #impulse: AudioBuffer | null = null;
  #group: VoiceGroup | null = null;
  #starting: Promise<void> | null = null;
  #started = false;

  get started(): boolean {
    return this.#started;
  }

  start(): Promise<void> {
    this.#starting ??= this.#load().catch((error: unknown) => {
      this.#starting = null;
      throw error;
    });
    return this.#starting.then(() => this.#context?.resume());
  }

  now(): number {
    return this.#context?.currentTime ?? 0;
  }

  playNote(note: ScheduledNote): void {
    const group = this.#voices();
    if (!group) return;
    const velocity = Math.max(0.05, Math.min(1, note.velocity / 127)) ** 1.3;
    group.synth.triggerAttackRelease(
      midiToHz(note.pitch),
      Math.max(0.03, note.duration),
      Math.max(note.time, this.now()),
      velocity,
    );
  }

  click(time: number, accent: boolean): void {
    const group = this.#voices();
    if (!group) return;
    group.click.triggerAttackRelease(accent ? 1760 : 1320, 0.03, Math.max(time, this.now()), accent ? 0.9 : 0.55);
  }

  stopAll(): void {
    const group = this.#group;
    this.#group = null;
    if (!group || !this.#context) return;
    const now = this.#context.currentTime;
    group.out.gain.cancelScheduledValues(now);
    group.out.gain.setValueAtTime(group.out.gain.getValueAtTime(now), now);
    group.out.gain.linearRampToValueAtTime(0, now + FADE_SECONDS);
    group.synth.releaseAll(now);
    // Queued attacks check `disposed` before they fire, so disposing drops them too.
    setTimeout(() => {
      for (const node of group.nodes) node.dispose();
    }, 80);
  }

  dispose(): void {
    this.stopAll();
    this.#master?.dispose();
    this.#masterInput?.dispose();
    void this.#context?.close();
    this.#context = null;
    this.#started = false;
  }

  async #load(): Promise<void> {
    (globalThis as { TONE_SILENCE_LOGGING?: boolean }).TONE_SILENCE_LOGGING = true;
    const [tone, global] = await Promise.all([
      import('tone/build/esm/classes.js'),
      import('tone/build/esm/core/Global.js'),
    ]);
    const context = new tone.Context({
      clockSource: 'timeout',
      latencyHint: 'interactive',
      lookAhead: TONE_LOOKAHEAD,
      updateInterval: 0.03,
    });
    global.setContext(context);
    const limiter = new tone.Limiter({ context, threshold: -1.5 }).toDestination();
    const input = new tone.Gain({ context, gain: 0.85 }).connect(limiter);
    this.#tone = tone;
    this.#context = context;
    this.#master = limiter;
    this.#masterInput = input;
    this.#impulse = makeImpulse(context, REVERB_SECONDS);
    await context.resume();
    this.#started = true;
  }

  #voices(): VoiceGroup | null {
    if (this.#group) return this.#group;
    const tone = this.#tone;
    const context = this.#context;
    const input = this.#masterInput;
    if (!tone || !context || !input) return null;
    const out = new tone.Gain({ context, gain: 1 }).connect(input);
    const bus = new tone.Gain({ context, gain: 1 });
    const dry = new tone.Gain({ context, gain: 1 }).connect(out);
    const wet = new tone.Gain({ context, gain: REVERB_WET }).connect(out);
    const reverb = new tone.Convolver({ context, url: this.#impulse ?? undefined, normalize: true }).connect(wet);
    bus.connect(dry);
    bus.connect(reverb);
    const synth = new tone.PolySynth({
      context,
      voice: tone.FMSynth,
      maxPolyphony: 24,
      volume: -9,
      options: {
        harmonicity: 3,
        modulationIndex: 1.6,
        oscillator: { type: 'sine' },
        modulation: { type: 'triangle' },
        envelope: { attack: 0.004, decay: 0.9, sustain: 0.35, release: 0.7 },
        modulationEnvelope: { attack: 0.002, decay: 0.35, sustain: 0.15, release: 0.5 },
      },
    }).connect(bus);
    const click = new tone.Synth({
      context,
      volume: -10,
      oscillator: { type: 'sine' },
      envelope: { attack: 0.001, decay: 0.03, sustain: 0, release: 0.01 },
    }).connect(out);
    this.#group = { synth, click, out, nodes: [synth, click, reverb, wet, dry, bus, out] };
    return this.#group;
  }
}

/** A stereo, exponentially decaying noise burst: a soft room. */
function makeImpulse(context: ToneContext, seconds: number): AudioBuffer {
  const rate = context.sampleRate;
  const length = Math.floor(rate * seconds);
  const buffer = context.createBuffer(2, length, rate);
  for (let channel = 0; channel < 2; channel++) {
    const data = buffer.getChannelData(channel);
    for (let i = 0; i < length; i++) {
      const t = i / rate;
      const envelope = Math.exp(-t * 3.2) * (t < 0.006 ? t / 0.006 : 1);
      data[i] = (Math.random() * 2 - 1) * envelope;
    }
  }
  return buffer;
}
