/**
 * The recommender engine: MovieLens rating import, Surprise's SVD (the baseline), the default
 * Bayesian model, Surprise-style evaluation, fold-in, explanations and model files. Plain
 * TypeScript over typed arrays; no Electron, no native modules.
 */
export {
  ALGORITHMS,
  ALGORITHM_DESCRIPTIONS,
  fitAlgorithm,
  isAlgorithmName,
  type AlgorithmName,
  type FitOptions,
} from './algorithms';
export { bayesMfParams, fitBayesMf, type BayesMfParams } from './bayes-mf';
export { formatCvTable } from './cv-table';
export {
  crossValidate,
  evaluateFolds,
  evaluateTrainTest,
  predictTestSet,
  MEASURES,
  type EvaluationResult,
  type FoldResult,
  type Measure,
} from './evaluate';
export { explainRecommendation, itemSimilarity, type Explanation, type ItemSimilarity } from './explain';
export {
  foldInUser,
  recommendFromRatings,
  scoreItem,
  topN,
  trainedUserVector,
  type RatedItem,
  type Recommendation,
  type UserVector,
} from './fold-in';
export { kFold, type Fold } from './folds';
export { loadRatingsFile, loadTrainTestFiles, type LoadedRatings } from './load-ratings';
export { mae, rmse, topNMetrics } from './metrics';
export { estimate, predict, type MFModel } from './mf-model';
export { ITEMS_FILE_FOR, detectRatingsFormat, type MovieLensFormat } from './movielens-format';
export { RatingsFileError } from './parse-error';
export { parseItems, type ItemInfo } from './parse-items';
export { parseRatings, parseTrainTest } from './parse-ratings';
export { loadModel, saveModel, serializeModel, deserializeModel } from './persist';
export { FIVE_STARS, HALF_STARS, ratingsFromRows, type RatingData, type RatingScale } from './ratings';
export { fitSvd, surpriseSvdParams, type SvdParams } from './svd';
