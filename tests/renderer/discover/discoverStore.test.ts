import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/client';
import type { CatalogueStats } from '../../../src/shared/catalogue';
import { Discover } from '../../../src/renderer/src/discover/discover.svelte';
import { JobsStore } from '../../../src/renderer/src/state/jobs.svelte';
import { ModelsStore } from '../../../src/renderer/src/state/models.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { catalogueStats, job, model } from '../helpers/fixtures';
import { ScriptedBridge } from '../helpers/scriptedBridge';
import { flush } from '../library/fixtures';
import { evaluation, FakeRecommender, rec, recsModel } from './fixtures';

function setup(stats: CatalogueStats | null = catalogueStats({ items: 5, ratings: 8 })) {
  const engine = new FakeRecommender([rec(1), rec(2), rec(3)]);
  const bridge = new ScriptedBridge()
    .respond('recs.for', engine.recsFor)
    .respond('ratings.set', engine.ratingsSet)
    .respond('models.list', [recsModel(7), model({ id: 3 }), recsModel(5)])
    .respond('recs.train', () => job({ id: 40, kind: 'recs-train', state: 'queued' }))
    .respond('recs.modelDetails', ({ modelId }) => ({
      modelId,
      evaluations: [evaluation('svd', 0.95, 5), evaluation('default', 0.9, 5)],
    }));
  const client = createClient(bridge);
  const toasts = new ToastStore();
  const jobs = new JobsStore(client, toasts.report);
  const models = new ModelsStore(client, toasts.report);
  const catalogue = { stats };
  const discover = new Discover({
    client,
    report: toasts.report,
    profiles: { activeId: 1, onChange: () => () => {} },
    jobs,
    models,
    catalogue,
  });
  return { engine, bridge, toasts, jobs, models, catalogue, discover };
}

describe('Discover: the model status', () => {
  it('uses the version the suggestions came from, and lists recommender versions only', async () => {
    const { discover, engine, models } = setup();
    await models.load();
    engine.modelId = 5;
    await discover.suggestions.load();
    expect(discover.trainer.versions.map((v) => v.id)).toEqual([7, 5]);
    expect(discover.model?.id).toBe(5);

    engine.modelId = null;
    await discover.suggestions.load();
    expect(discover.model).toBeNull();
  });

  it('offers a retrain once ratings made since training add up', async () => {
    const { discover, engine, models } = setup();
    await models.load();
    engine.modelId = 7;
    engine.ratingsSinceTraining = 1;
    await discover.suggestions.load();
    expect(discover.retrain).toBe(false);

    for (const id of [1, 2, 3]) await discover.suggestions.rate(id, 4);
    engine.ratingsSinceTraining += 1;
    await discover.suggestions.load();
    expect(discover.ratingsSinceTraining).toBe(5);
    expect(discover.retrain).toBe(true);
  });

  it('allows training once there are 20 ratings, or a model already', async () => {
    expect(setup(catalogueStats({ items: 5, ratings: 19 })).discover.canTrain).toBe(false);
    expect(setup(catalogueStats({ items: 5, ratings: 20 })).discover.canTrain).toBe(true);
    const { discover, models, engine } = setup(catalogueStats({ items: 5, ratings: 3 }));
    await models.load();
    engine.modelId = 7;
    await discover.suggestions.load();
    expect(discover.model?.id).toBe(7);
    expect(discover.canTrain).toBe(true);
  });

  it('knows an empty library from a profile that has seen everything', () => {
    expect(setup(catalogueStats({ items: 0 })).discover.emptyLibrary).toBe(true);
    expect(setup(catalogueStats({ items: 3 })).discover.emptyLibrary).toBe(false);
    expect(setup(null).discover.emptyLibrary).toBe(false);
  });
});

describe('Discover: training', () => {
  it('starts recs.train and follows the job through the jobs store', async () => {
    const { discover, bridge, jobs } = setup();
    const started = await discover.trainer.train();
    expect(bridge.callsTo('recs.train')).toEqual([{}]);
    expect(started?.id).toBe(40);
    expect(discover.trainer.running).toBe(true);

    const stop = jobs.subscribe();
    bridge.emit(
      'job.updated',
      job({
        id: 40,
        kind: 'recs-train',
        state: 'running',
        progress: { fraction: 0.6, stage: 'evaluating', message: 'fold 4 of 5' },
      }),
    );
    expect(discover.trainer.job?.progress?.message).toBe('fold 4 of 5');
    bridge.emit('job.updated', job({ id: 40, kind: 'recs-train', state: 'failed', error: 'boom' }));
    expect(discover.trainer.running).toBe(false);
    expect(discover.trainer.job?.state).toBe('failed');
    discover.trainer.dismissJob();
    expect(discover.trainer.job).toBeNull();
    stop();
  });

  it('a running training job started elsewhere (the CLI) shows too', () => {
    const { discover, jobs } = setup();
    jobs.apply(job({ id: 12, kind: 'recs-train', state: 'running' }));
    expect(discover.trainer.job?.id).toBe(12);
    expect(discover.trainer.running).toBe(true);
  });

  it('says why the engine refused to train', async () => {
    const { discover, bridge, toasts } = setup();
    bridge.fail('recs.train', 'invalid-input', 'The recommender needs at least 20 ratings to learn from; there are 8.');
    expect(await discover.trainer.train()).toBeNull();
    expect(toasts.items[0]).toMatchObject({
      title: 'Invalid request',
      message: 'The recommender needs at least 20 ratings to learn from; there are 8.',
      actions: ['Could not start training the recommender'],
    });
    expect(discover.trainer.starting).toBe(false);
  });
});

describe('Discover: the evaluation', () => {
  it('shows the newest version unless one is picked, and loads each evaluation once', async () => {
    const { discover, bridge, models } = setup();
    await models.load();
    const ids = discover.trainer.versions.map((v) => v.id);
    const evaluation = discover.evaluation;
    expect(evaluation.shownId(ids)).toBe(7);
    expect(evaluation.loading(7)).toBe(true);

    await evaluation.ensure(7);
    await evaluation.ensure(7);
    expect(bridge.callsTo('recs.modelDetails')).toEqual([{ modelId: 7 }]);
    expect(evaluation.details(7)?.evaluations.map((e) => e.algorithm)).toEqual(['svd', 'default']);

    evaluation.pick(5);
    expect(evaluation.shownId(ids)).toBe(5);
    evaluation.pick(99);
    expect(evaluation.shownId(ids)).toBe(7);
  });

  it('remembers a failure instead of asking forever', async () => {
    const { discover, bridge } = setup();
    bridge.fail('recs.modelDetails', 'not-found', 'There is no recommender model version 4.');
    await discover.evaluation.ensure(4);
    await flush();
    expect(discover.evaluation.loading(4)).toBe(false);
    expect(discover.evaluation.failure(4)).toBe('There is no recommender model version 4.');
    await discover.evaluation.ensure(4);
    expect(bridge.callsTo('recs.modelDetails')).toHaveLength(1);

    bridge.respond('recs.modelDetails', ({ modelId }) => ({ modelId, evaluations: [] }));
    await discover.evaluation.retry(4);
    expect(discover.evaluation.failure(4)).toBeNull();
    expect(discover.evaluation.details(4)?.evaluations).toEqual([]);
  });
});
