import { describe, expect, it } from 'vitest';
import {
  improvementText,
  modelHeadline,
  retrainSuggested,
  RETRAIN_AFTER,
} from '../../../src/renderer/src/discover/model-status';
import { recsModel } from './fixtures';

describe('model status', () => {
  it('says what the recommender was trained on and how it compares with SVD', () => {
    expect(modelHeadline(recsModel(3))).toBe('Recommender trained on 42 ratings · RMSE 0.89 vs SVD 0.94');
    expect(improvementText(recsModel(3))).toBe('5.4% lower error than SVD');
    expect(improvementText(recsModel(3, { rmseImprovement: -0.01 }))).toBe('1.0% higher error than SVD');
  });

  it('leaves out what a version did not measure', () => {
    const bare = recsModel(4, {});
    bare.metrics = { ratings: 1 };
    expect(modelHeadline(bare)).toBe('Recommender trained on 1 rating');
    expect(improvementText(bare)).toBeNull();
  });

  it('says plainly when there is no model', () => {
    expect(modelHeadline(null)).toBe('No model yet — suggestions come from tags and popularity');
  });

  it('suggests a retrain once enough ratings arrived since training', () => {
    expect(retrainSuggested(null, 100)).toBe(false);
    expect(retrainSuggested(3, RETRAIN_AFTER - 1)).toBe(false);
    expect(retrainSuggested(3, RETRAIN_AFTER)).toBe(true);
  });
});
