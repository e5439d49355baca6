import fs from 'node:fs';
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import type { Recommendation, RecsEvaluation } from '../../../shared/recs';
import type { Engine } from '../engine';
import type { RecommendResult } from '../recs/recommend-service';
import { MIN_RATINGS, RECS_MODEL_KIND } from '../recs/train-runner';
import type { HandlersFor } from './handler-types';
import { requireProfile } from './handler-types';

/** Discover: recommendations (in the worker), training, "not interested" and evaluations. */
export function recsHandlers(engine: Engine): HandlersFor<'recs'> {
  const { catalogue, jobs, events } = engine;
  return {
    'recs.for': async ({ profileId, limit, kinds }) => {
      requireProfile(engine, profileId);
      const model = catalogue.models.list(RECS_MODEL_KIND)[0] ?? null;
      const result = (await jobs.worker.request(
        'recs.recommend',
        { profileId, limit, kinds: kinds ?? null, modelPath: model?.path ?? null },
        engine.paths.dataDir,
      )) as RecommendResult;
      const titles = new Map<number, string>();
      const title = (id: number): string => {
        let t = titles.get(id);
        if (t === undefined) {
          t = catalogue.media.get(id)?.title ?? `Item ${id}`;
          titles.set(id, t);
        }
        return t;
      };
      const items: Recommendation[] = result.suggestions.flatMap((s) => {
        const item = catalogue.media.get(s.itemId);
        if (!item) return [];
        return [
          {
            item,
            predicted: s.predicted,
            source: s.source,
            reason: {
              because: s.because.map((b) => ({ ...b, title: title(b.itemId) })),
              ...(s.soundsLike.length > 0 ? { soundsLike: s.soundsLike.map((n) => ({ ...n, title: title(n.itemId) })) } : {}),
              tags: s.tags,
              popularity: s.popularity,
            },
          },
        ];
      });
      const trainedAt = typeof model?.params.trainedAt === 'string' ? model.params.trainedAt : null;
      return {
        profileId,
        items,
        modelId: model?.id ?? null,
        profileRatings: result.profileRatings,
        ratingsSinceTraining: trainedAt ? catalogue.ratings.countSince(trainedAt) : catalogue.ratings.count(),
        ms: result.ms,
      };
    },

    'recs.train': (options) => {
      const count = catalogue.ratings.count();
      if (count < MIN_RATINGS)
        throw new MotifError('invalid-input', `The recommender needs at least ${MIN_RATINGS} ratings to learn from; there are ${count}. Rate more items or import ratings first.`);
      return jobs.start('recs-train', options);
    },

    'recs.dismiss': ({ profileId, itemIds, dismissed }) => {
      requireProfile(engine, profileId);
      const unique = [...new Set(itemIds)];
      if (catalogue.media.countExisting(unique) !== unique.length) throw new MotifError('not-found', 'Some of those catalogue items do not exist.');
      const count = catalogue.ratings.dismiss(profileId, unique, dismissed);
      events.emit('catalogue.changed', { table: 'ratings' });
      return { count };
    },

    'recs.modelDetails': ({ modelId }) => {
      const model = catalogue.models.get(modelId);
      if (!model || model.kind !== RECS_MODEL_KIND) throw new MotifError('not-found', `There is no recommender model version ${modelId}.`);
      const file = path.join(path.resolve(engine.paths.dataDir, model.path), 'evaluation.json');
      let evaluations: RecsEvaluation[] = [];
      try {
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { evaluations?: RecsEvaluation[] };
        evaluations = Array.isArray(json.evaluations) ? json.evaluations : [];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          throw new MotifError('internal', `The evaluation of model version ${modelId} could not be read.`);
      }
      return { modelId, evaluations };
    },
  };
}
