/**
 * The Compose area's shapes in the API contract (api.ts): a piano-roll clip as it crosses the API,
 * the melody generation request (continue, generate, infill), and MIDI files opened or exported.
 */
import { z } from 'zod';
import { samplingSchema } from './melody';
import type { Clip } from './music';

/** A piano-roll clip as it crosses the API (see `Clip` in music.ts). */
export const clipSchema = z
  .object({
    ppq: z.number().int().min(24).max(9600),
    notes: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64),
            pitch: z.number().int().min(0).max(127),
            tick: z.number().int().min(0).max(2 ** 31 - 1),
            durationTicks: z.number().int().min(1).max(2 ** 31 - 1),
            velocity: z.number().int().min(1).max(127),
          })
          .strict(),
      )
      .max(100_000),
    bpm: z.number().min(20).max(400),
    timeSignature: z
      .object({
        numerator: z.number().int().min(1).max(32),
        denominator: z
          .number()
          .int()
          .refine((d) => [1, 2, 4, 8, 16, 32].includes(d), 'the denominator is a power of two up to 32'),
      })
      .strict(),
    key: z
      .object({ tonic: z.number().int().min(0).max(11), mode: z.enum(['major', 'minor']) })
      .strict()
      .nullable(),
    lengthTicks: z.number().int().min(0).max(2 ** 31 - 1),
  })
  .strict();

const generationBase = samplingSchema.extend({ modelId: z.number().int().positive(), clip: clipSchema });

/** Continue the clip (or a selection, sent as the clip) from `startTick` (default: its end). */
export const melodyGenerateInput = z.discriminatedUnion('mode', [
  generationBase
    .extend({
      mode: z.literal('continue'),
      bars: z.number().int().min(1).max(32).default(8),
      startTick: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    })
    .strict(),
  /** From scratch, on the clip's grid (its notes are ignored). */
  generationBase
    .extend({
      mode: z.literal('generate'),
      bars: z.number().int().min(1).max(32).default(8),
      /** Where the new phrase starts (default 0), on the clip's grid. */
      startTick: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    })
    .strict(),
  /** Regenerate bars [fromBar, toBar) (0-based), joined to what follows. */
  generationBase
    .extend({
      mode: z.literal('infill'),
      fromBar: z.number().int().min(0).max(10_000),
      toBar: z.number().int().min(1).max(10_001),
      candidates: z.number().int().min(1).max(16).optional(),
    })
    .strict()
    .refine((v) => v.toBar > v.fromBar && v.toBar - v.fromBar <= 32, 'regenerate 1 to 32 bars (toBar after fromBar)'),
]);

export interface OpenedMidi {
  clip: Clip;
  /** File name without the extension. */
  name: string;
  tracks: number;
  /** Drum notes (channel 10) are left out of the clip. */
  drumNotesLeftOut: number;
  warnings: string[];
}

export type ExportedMidi = { savedTo: string } | { fileName: string; dataBase64: string };
