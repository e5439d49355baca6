/** Options and results of melody generation (see `generate.ts`). */
import type { ClipNote } from '../../../../shared/music';
import type { MemorisationMatch } from './memorisation';
import type { KeyLock } from './sampling';

export interface GenerationOptions {
  /** 0 = most likely event at each step; 1 = the model's distribution; up to 2. */
  temperature: number;
  /** Keep the k most likely events (0 = off). */
  topK?: number;
  /** Nucleus sampling threshold (1 = off). */
  topP?: number;
  /** 1-8. */
  variations: number;
  /** Random seed; the same seed and inputs give the same notes. Drawn when absent (and returned). */
  seed?: number | null;
  /** Lock generated pitches to this key's scale. */
  key?: KeyLock | null;
  /** At most this many seed steps are fed to the model (default 512). */
  maxContextSteps?: number;
}

export interface ContinueOptions extends GenerationOptions {
  /** 1-32. */
  bars: number;
  /** Where the continuation starts (default: the clip's length), rounded to the step grid. */
  startTick?: number;
}

export interface InfillOptions extends GenerationOptions {
  /** First bar regenerated (0-based, inclusive). */
  fromBar: number;
  /** Bar after the last one regenerated (exclusive). */
  toBar: number;
  /** Candidates sampled per variation, the best-joined one kept (default 4). */
  candidates?: number;
}

export interface Variation {
  /** The generated notes, at absolute ticks of the clip. */
  notes: ClipNote[];
  memorisation: MemorisationMatch | null;
  /** Mean log-probability per generated step under the model (temperature 1). */
  logLikelihood: number;
}

export interface GenerationResult {
  variations: Variation[];
  startTick: number;
  endTick: number;
  seed: number;
  /** Wall time of the generation, ms. */
  ms: number;
}

export interface InfillVariation extends Variation {
  /** The whole clip's notes with the range replaced. */
  clipNotes: ClipNote[];
}

export interface InfillResult extends GenerationResult {
  variations: InfillVariation[];
}
