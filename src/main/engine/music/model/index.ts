/**
 * The melody model, engine side: extraction, vocabulary, n-gram baselines, the fused LSTM, the
 * `melody-train` job runner and generation over clips. Plain Node (no electron).
 *
 * Wiring: job kind `melody-train` -> `runMelodyTrain` (params: `melodyTrainParamsSchema`); its
 * outcome's model has kind `melody-lstm` and a folder that `loadMelodyModel` reads; generation is
 * `continueClip` / `generateClip` / `infillClip` on the loaded model (dispose it with
 * `disposeMelodyModel`).
 */
export { runMelodyTrain, checkpointFolder, MELODY_MODEL_KIND, MELODY_TRAIN_JOB_KIND } from './runner';
export { melodyTrainParamsSchema, resolveTrainParams, type MelodyTrainParams } from './params';
export {
  loadMelodyModel,
  saveMelodyModel,
  disposeMelodyModel,
  createMelodyNet,
  type MelodyModel,
  type MelodyModelSpec,
} from './store';
export {
  continueClip,
  generateClip,
  infillClip,
  type ContinueOptions,
  type GenerationOptions,
  type GenerationResult,
  type InfillOptions,
  type InfillResult,
  type InfillVariation,
  type Variation,
} from './generate';
export { extractMelodies, DEFAULT_EXTRACTION, type ExtractionOptions, type Melody } from './extract';
export { DEFAULT_PITCH_RANGE, vocabularySize, type PitchRange } from './vocabulary';
export { NgramModel, ngramBaselines, type NgramSmoothing, type NgramBaselineResult } from './ngram';
export { SequenceIndex, type MemorisationMatch } from './memorisation';
export { keyMask, scalePitchClasses, type KeyLock, type KeyMode, type SamplingOptions } from './sampling';
export { LstmNet, type LstmNetConfig } from './lstm';
export { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './train';
