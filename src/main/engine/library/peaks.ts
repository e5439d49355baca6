import decodeAudio from 'audio-decode';

export interface Peaks {
  channels: number;
  buckets: number;
  sampleRate: number;
  durationS: number;
  /** channel-major: for each channel, `buckets` pairs of (min, max), each in [-1, 1]. */
  data: Float32Array;
}

/** At most this many channels are kept (stereo); more are folded into the last one. */
const MAX_CHANNELS = 2;

/**
 * Decode an audio file (wasm decoders: mp3, wav, ogg, flac, aac/m4a, …) and reduce it to min/max
 * peaks per bucket, so the studio draws a waveform without ever decoding the file itself.
 */
export async function computePeaks(bytes: Uint8Array, buckets = 1024): Promise<Peaks> {
  const decoded = (await decodeAudio(bytes)) as { channelData: Float32Array[]; sampleRate: number };
  const { channelData, sampleRate } = decoded;
  const first = channelData[0];
  if (!first || first.length === 0 || !(sampleRate > 0)) throw new Error('the audio decoded to no samples');
  const channels = Math.min(MAX_CHANNELS, channelData.length);
  const length = first.length;
  const count = Math.max(1, Math.min(buckets, length));
  const data = new Float32Array(channels * count * 2);
  for (let c = 0; c < channelData.length; c++) {
    const samples = channelData[c] as Float32Array;
    const target = Math.min(c, channels - 1);
    for (let b = 0; b < count; b++) {
      const start = Math.floor((b * length) / count);
      const end = Math.max(start + 1, Math.floor(((b + 1) * length) / count));
      let min = 1;
      let max = -1;
      for (let i = start; i < end && i < samples.length; i++) {
        const v = samples[i] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const at = (target * count + b) * 2;
      const prevMin = c > target ? (data[at] as number) : 1;
      const prevMax = c > target ? (data[at + 1] as number) : -1;
      data[at] = Math.max(-1, Math.min(min, prevMin));
      data[at + 1] = Math.min(1, Math.max(max, prevMax));
    }
  }
  return { channels, buckets: count, sampleRate, durationS: length / sampleRate, data };
}
