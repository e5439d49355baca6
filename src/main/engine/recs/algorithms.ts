import { bayesMfParams, fitBayesMf, type FitProgress } from './bayes-mf';
import { type MFModel } from './mf-model';
import { type RatingData } from './ratings';
import { fitSvd, surpriseSvdParams } from './svd';

/**
 * The recommender algorithms by name.
 * - `svd`: Surprise's SVD with its defaults, the reference baseline.
 * - `bayes-mf`: Bayesian biased MF by Gibbs sampling (BPMF with biases), a component.
 * - `bayes-svdpp`: `bayes-mf` plus SVD++ implicit feedback (who rated what), a component.
 * - `default`: `bayes-svdpp` plus day-specific user biases when the ratings carry timestamps.
 *   Chosen by cross-validation (see README.md beside this file and bench/recs.ts).
 */
export const ALGORITHMS = ['svd', 'bayes-mf', 'bayes-svdpp', 'default'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export const ALGORITHM_DESCRIPTIONS: Record<AlgorithmName, string> = {
  svd: "Surprise's SVD (biased MF, SGD, 100 factors, 20 epochs, lr 0.005, reg 0.02)",
  'bayes-mf': 'Bayesian biased MF (Gibbs sampling, 10 factors, 100 sweeps, learned priors)',
  'bayes-svdpp': 'Bayesian biased MF with SVD++ implicit feedback (Gibbs sampling)',
  default: 'Bayesian biased MF with implicit feedback and day-specific user biases (the default)',
};

export function isAlgorithmName(name: string): name is AlgorithmName {
  return (ALGORITHMS as readonly string[]).includes(name);
}

export interface FitOptions extends FitProgress {
  seed?: number;
}

export function fitAlgorithm(name: AlgorithmName, train: RatingData, options: FitOptions = {}): MFModel {
  const seed = options.seed ?? 0;
  switch (name) {
    case 'svd': {
      // One call, well under a second on 100k ratings: progress is reported at the end.
      const model = fitSvd(train, surpriseSvdParams({ seed }));
      options.onProgress?.(1, 1);
      return model;
    }
    case 'bayes-mf':
      return {
        ...fitBayesMf(train, bayesMfParams({ seed, dayBias: false, implicit: false }), options),
        algorithm: 'bayes-mf',
      };
    case 'bayes-svdpp':
      return {
        ...fitBayesMf(train, bayesMfParams({ seed, dayBias: false, implicit: true }), options),
        algorithm: 'bayes-svdpp',
      };
    case 'default':
      return {
        ...fitBayesMf(train, bayesMfParams({ seed, dayBias: true, implicit: true }), options),
        algorithm: 'default',
      };
  }
}
