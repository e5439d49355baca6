import fs from 'node:fs/promises';
import { parseBuffer } from 'music-metadata';
import type { MediaKind } from '../../../shared/catalogue';
import { readMidi, ticksToSeconds } from '../music/midi';
import { isBmp } from '../stills/bmp';
import { StillsImageError, openImage } from '../stills/preprocess';
import { melodyFeatures } from './melody-features';
import { computePeaks, type Peaks } from './peaks';

export interface Probed {
  title: string | null;
  artist: string | null;
  album: string | null;
  durationS: number | null;
  metadata: Record<string, unknown>;
  peaks: Peaks | null;
  /** Something worth telling the user that did not stop the import (e.g. no waveform). */
  warning: string | null;
}

/** A file that cannot be read as what its extension says. */
export class ProbeError extends Error {}

const clean = (value: unknown): string | null =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim().slice(0, 500) : null;

async function probeAudio(bytes: Uint8Array, mimeHint: string): Promise<Probed> {
  let common;
  let format;
  try {
    ({ common, format } = await parseBuffer(bytes, { mimeType: mimeHint }, { duration: true, skipCovers: true }));
  } catch (error) {
    throw new ProbeError(`not readable as audio (${(error as Error).message})`);
  }
  let peaks: Peaks | null = null;
  let warning: string | null = null;
  try {
    peaks = await computePeaks(bytes);
  } catch (error) {
    warning = `no waveform: the audio could not be decoded (${(error as Error).message})`;
  }
  return {
    title: clean(common.title),
    artist: clean(common.artist),
    album: clean(common.album),
    durationS: format.duration ?? peaks?.durationS ?? null,
    metadata: {
      codec: format.codec ?? null,
      container: format.container ?? null,
      sampleRate: format.sampleRate ?? null,
      channels: format.numberOfChannels ?? null,
      bitrate: format.bitrate ?? null,
      year: common.year ?? null,
      genre: common.genre ?? [],
      track: common.track.no ?? null,
    },
    peaks,
    warning,
  };
}

async function probeImage(bytes: Uint8Array): Promise<Probed> {
  try {
    // openImage reads BMP too (libvips cannot).
    const meta = await openImage('', bytes).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    // Decode a tiny version too: a damaged body fails here even when the header is fine.
    await openImage('', bytes).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
    return {
      title: null,
      artist: null,
      album: null,
      durationS: null,
      metadata: { width: meta.width, height: meta.height, format: isBmp(bytes) ? 'bmp' : (meta.format ?? null), orientation: meta.orientation ?? null },
      peaks: null,
      warning: null,
    };
  } catch (error) {
    throw new ProbeError(`not readable as an image (${error instanceof StillsImageError ? error.detail : (error as Error).message})`);
  }
}

function probeMidi(bytes: Uint8Array): Probed {
  let song;
  try {
    song = readMidi(bytes);
  } catch (error) {
    throw new ProbeError(`not readable as MIDI (${(error as Error).message})`);
  }
  const notes = song.tracks.reduce((n, t) => n + t.notes.length, 0);
  const named = song.tracks.find((t) => t.name.trim().length > 0)?.name ?? null;
  const tempo = song.tempos[0]?.microsecondsPerQuarter ?? 500_000;
  const signature = song.timeSignatures[0];
  return {
    title: clean(named),
    artist: null,
    album: null,
    durationS: ticksToSeconds(song)(song.durationTicks),
    metadata: {
      format: song.format,
      ppq: song.ppq,
      tracks: song.tracks.length,
      notes,
      drums: song.tracks.some((t) => t.notes.some((n) => n.channel === 9)),
      bpm: Math.round((60_000_000 / tempo) * 100) / 100,
      timeSignature: signature ? `${signature.numerator}/${signature.denominator}` : null,
      lyrics: song.lyrics.length > 0,
      // For Discover's "sounds like" suggestions (see melody-features.ts).
      melodyFeatures: melodyFeatures(song),
    },
    peaks: null,
    warning: song.warnings && song.warnings.length > 0 ? `read with warnings: ${song.warnings.slice(0, 2).join('; ')}` : null,
  };
}

const AUDIO_MIME: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
};

/** Read what Motif catalogues about a file: tags, duration, dimensions, waveform peaks. */
export async function probeFile(file: string, kind: Exclude<MediaKind, 'film'>, extension: string): Promise<Probed> {
  const bytes = new Uint8Array(await fs.readFile(file));
  if (bytes.length === 0) throw new ProbeError('the file is empty');
  switch (kind) {
    case 'audio':
      return probeAudio(bytes, AUDIO_MIME[extension] ?? 'audio/mpeg');
    case 'image':
      return probeImage(bytes);
    case 'midi':
      return probeMidi(bytes);
  }
}
