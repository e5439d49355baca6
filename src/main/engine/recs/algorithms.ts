import { bayesMfParams, fitBayesMf } from './bayes-mf';
import { type MFModel } from './mf-model';
import { type RatingData } from './ratings';
import { fitSvd, surpriseSvdParams } from './svd';

/**
 * The recommender algorithms by name.
 * - `svd`: Surprise's SVD with its defaults, the reference baseline.
 * - `bayes-mf`: Bayesian biased MF by Gibbs sampling (component of the default, no time effects).
 * - `default`: `bayes-mf` plus day-specific user biases when the ratings carry timestamps. It was
 *   chosen by cross-validation (see bench/recs.ts and the recs README).
 */
export const ALGORITHMS = ['svd', 'bayes-mf', 'default'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export const ALGORITHM_DESCRIPTIONS: Record<AlgorithmName, string> = {
  svd: "Surprise's SVD (biased MF, SGD, 100 factors, 20 epochs, lr 0.005, reg 0.02)",
  'bayes-mf': 'Bayesian biased MF (Gibbs sampling, 10 factors, 100 sweeps, learned priors)',
  default: 'Bayesian biased MF with day-specific user biases (the default)',
};

export function isAlgorithmName(name: string): name is AlgorithmName {
  return (ALGORITHMS as readonly string[]).includes(name);
}

export interface FitOptions {
  seed?: number;
}

export function fitAlgorithm(name: AlgorithmName, train: RatingData, options: FitOptions = {}): MFModel {
  const seed = options.seed ?? 0;
  switch (name) {
    case 'svd':
      return fitSvd(train, surpriseSvdParams({ seed }));
    case 'bayes-mf':
      return { ...fitBayesMf(train, bayesMfParams({ seed, dayBias: false })), algorithm: 'bayes-mf' };
    case 'default':
      return { ...fitBayesMf(train, bayesMfParams({ seed, dayBias: true })), algorithm: 'default' };
  }
}
