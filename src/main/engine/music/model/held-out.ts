/**
 * The held-out protocol shared by training and evaluation: the corpus split by file (over the
 * files as given, sorted by name, so it never shifts with the extraction settings), the melodies
 * encoded per side, and the n-gram baselines fitted on the training side and scored on the other.
 */
import { MotifError } from '../../../../shared/errors';
import type { Corpus, CorpusFile } from './corpus';
import { encodeMelody, splitByFile, type EncodedMelody, type SplitOptions } from './dataset';
import { ngramBaselines, positionNgramBaselines, type NgramBaselineResult } from './ngram';
import { vocabularySize, type PitchRange } from './vocabulary';

export interface HeldOutSplit {
  /** Files that hold at least one melody. */
  usable: CorpusFile[];
  /** Files that parse but hold no usable melody. */
  noMelody: CorpusFile[];
  trainFiles: CorpusFile[];
  heldOutFiles: CorpusFile[];
  train: EncodedMelody[];
  heldOut: EncodedMelody[];
}

export function splitHeldOut(files: readonly string[], corpus: Corpus, split: SplitOptions, range: PitchRange): HeldOutSplit {
  const usable = corpus.files.filter((f) => f.melodies.length > 0);
  const noMelody = corpus.files.filter((f) => f.melodies.length === 0);
  const heldOutPaths = new Set(splitByFile([...new Set(files)], (p) => p, split).heldOut);
  const trainFiles = usable.filter((f) => !heldOutPaths.has(f.path));
  const heldOutFiles = usable.filter((f) => heldOutPaths.has(f.path));
  if (trainFiles.length === 0 || heldOutFiles.length === 0) {
    throw new MotifError(
      'invalid-input',
      `Need melodies in at least ${split.every} files to hold one out; found them in ${usable.length} of ${files.length} (${corpus.skipped.length} could not be read, ${noMelody.length} hold no usable melody).`,
    );
  }
  const encode = (side: CorpusFile[], offset: number): EncodedMelody[] =>
    side.flatMap((f, i) => f.melodies.map((m) => encodeMelody(m, range, offset + i)));
  return {
    usable,
    noMelody,
    trainFiles,
    heldOutFiles,
    train: encode(trainFiles, 0),
    heldOut: encode(heldOutFiles, trainFiles.length),
  };
}

export interface Baselines {
  /** Every order and smoothing, best first. */
  ngrams: NgramBaselineResult[];
  best: NgramBaselineResult;
  /** The best position-aware n-gram (null below order 2). */
  positionNgram: NgramBaselineResult | null;
}

export function fitBaselines(train: readonly EncodedMelody[], heldOut: readonly EncodedMelody[], range: PitchRange, order: number): Baselines {
  const vocab = vocabularySize(range);
  const ngrams = ngramBaselines(
    train.map((m) => m.tokens),
    heldOut.map((m) => m.tokens),
    vocab,
    order,
  );
  const best = ngrams[0];
  if (!best) throw new MotifError('internal', 'no n-gram baseline was fitted');
  const positionNgram =
    order >= 2
      ? (positionNgramBaselines(
          train.map((m) => m.tokens),
          train.map((m) => m.positions),
          heldOut.map((m) => m.tokens),
          heldOut.map((m) => m.positions),
          vocab,
          order,
        )[0] ?? null)
      : null;
  return { ngrams, best, positionNgram };
}
