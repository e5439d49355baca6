/**
 * Discover through the API with a real engine and worker: content and popularity before any
 * model, a `recs-train` job (cross-validation vs SVD, a model version), collaborative suggestions
 * with "because you rated" explanations, fold-in of new ratings without retraining, kind filters
 * and "not interested".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/main/engine/engine';
import { waitForJob } from '../../src/main/engine/jobs/wait';
import type { Profile } from '../../src/shared/catalogue';
import type { JobRecord } from '../../src/shared/jobs';
import type { ModelVersion } from '../../src/shared/models';
import type { Recommendations, RecsModelDetails } from '../../src/shared/recs';
import { testEngine } from '../helpers/engine';

async function call<T>(e: Engine, method: string, input: unknown): Promise<T> {
  const result = await e.dispatch(method, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

describe('recommendations API', () => {
  let engine: Engine;
  const jazz: number[] = [];
  const folk: number[] = [];
  const films: number[] = [];
  let fan: Profile; // loves jazz, dislikes folk
  let other: Profile; // the opposite
  let newcomer: Profile;

  beforeAll(async () => {
    engine = testEngine();
    const { media } = engine.catalogue;
    for (let k = 0; k < 12; k++) {
      const a = media.insert({ kind: 'audio', path: null, title: `Jazz ${k}` });
      media.addTags(a.id, ['jazz']);
      jazz.push(a.id);
      const m = media.insert({ kind: 'midi', path: null, title: `Folk ${k}` });
      media.addTags(m.id, ['folk']);
      folk.push(m.id);
      films.push(media.insert({ kind: 'film', path: null, title: `Film ${k}` }).id);
    }
    fan = await call<Profile>(engine, 'profiles.create', { name: 'Fan' });
    other = await call<Profile>(engine, 'profiles.create', { name: 'Other' });
    newcomer = await call<Profile>(engine, 'profiles.create', { name: 'Newcomer' });
    // The fan rates 8 of each genre; the other profiles rate everything (so the model knows every item).
    await call(engine, 'ratings.set', { profileId: fan.id, itemIds: jazz.slice(0, 8), value: 5 });
    await call(engine, 'ratings.set', { profileId: fan.id, itemIds: folk.slice(0, 8), value: 1.5 });
    await call(engine, 'ratings.set', { profileId: other.id, itemIds: jazz, value: 1 });
    await call(engine, 'ratings.set', { profileId: other.id, itemIds: folk, value: 4.5 });
    await call(engine, 'ratings.set', { profileId: other.id, itemIds: films.slice(0, 6), value: 4 });
    const third = await call<Profile>(engine, 'profiles.create', { name: 'Third' });
    await call(engine, 'ratings.set', { profileId: third.id, itemIds: jazz, value: 4.5 });
    await call(engine, 'ratings.set', { profileId: third.id, itemIds: folk, value: 2 });
    await call(engine, 'ratings.set', { profileId: third.id, itemIds: films.slice(0, 6), value: 3 });
  }, 60_000);

  afterAll(() => engine?.close());

  it('suggests from tags and popularity before any model is trained', async () => {
    const recs = await call<Recommendations>(engine, 'recs.for', { profileId: fan.id, limit: 8 });
    expect(recs.modelId).toBeNull();
    expect(recs.profileRatings).toBe(16);
    const ids = recs.items.map((r) => r.item.id);
    for (const id of ids) expect([...jazz.slice(0, 8), ...folk.slice(0, 8)]).not.toContain(id); // never what is rated
    // The unrated jazz items carry the tag this profile loves: they come first, from tags.
    expect(ids.slice(0, 4).sort()).toEqual(jazz.slice(8).sort());
    expect(recs.items[0]!.source).toBe('tags');
    expect(recs.items[0]!.reason.tags).toEqual(['jazz']);
    // A profile with no ratings gets popular items, with their numbers.
    const cold = await call<Recommendations>(engine, 'recs.for', { profileId: newcomer.id, limit: 5 });
    expect(cold.items.length).toBe(5);
    expect(cold.items[0]!.source).toBe('popular');
    expect(cold.items[0]!.reason.popularity!.count).toBeGreaterThan(0);
  });

  it('refuses to train on too few ratings, then trains a model version with a CV table against SVD', async () => {
    const empty = testEngine();
    try {
      await expect(call(empty, 'recs.train', {})).rejects.toMatchObject({ kind: 'invalid-input' });
    } finally {
      empty.close();
    }
    const job = await waitForJob(engine.events, await call<JobRecord>(engine, 'recs.train', { folds: 3, seed: 1 }));
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    const [model] = await call<ModelVersion[]>(engine, 'models.list', { kind: 'recs-mf' });
    expect(model!.id).toBe(job.result!.modelVersionId);
    expect(model!.metrics.ratings).toBe(16 + 30 + 30);
    expect(model!.metrics.rmse).toBeGreaterThan(0);
    expect(model!.metrics.svdRmse).toBeGreaterThan(0);
    expect(model!.dataHash).toMatch(/^[0-9a-f]{64}$/);
    const details = await call<RecsModelDetails>(engine, 'recs.modelDetails', { modelId: model!.id });
    expect(details.evaluations.map((e) => e.algorithm)).toEqual(['default', 'svd']);
    for (const e of details.evaluations) {
      expect(e.folds).toHaveLength(3);
      expect(e.mean.rmse).toBeCloseTo(e.folds.reduce((s, f) => s + f.rmse!, 0) / 3, 3);
    }
  }, 180_000);

  it('ranks with the model, explains by rated items, and folds new ratings in without retraining', async () => {
    const before = await call<Recommendations>(engine, 'recs.for', { profileId: fan.id, limit: 10 });
    expect(before.modelId).not.toBeNull();
    const top = before.items.slice(0, 4);
    expect(top.map((r) => r.item.id).sort()).toEqual(jazz.slice(8).sort());
    const collaborative = before.items.find((r) => r.source === 'ratings');
    expect(collaborative).toBeDefined();
    expect(collaborative!.reason.because.length).toBeGreaterThan(0);
    expect(collaborative!.reason.because[0]!.title).toMatch(/^(Jazz|Folk) /);

    // Rating the top suggestion removes it and moves the rest, with no new model.
    const rated = before.items[0]!.item.id;
    await call(engine, 'ratings.set', { profileId: fan.id, itemIds: [rated], value: 5 });
    const after = await call<Recommendations>(engine, 'recs.for', { profileId: fan.id, limit: 10 });
    expect(after.modelId).toBe(before.modelId);
    expect(after.profileRatings).toBe(before.profileRatings + 1);
    expect(after.ratingsSinceTraining).toBeGreaterThanOrEqual(1);
    expect(after.items.map((r) => r.item.id)).not.toContain(rated);

    // A newcomer's very first ratings change their suggestions at once.
    const cold = await call<Recommendations>(engine, 'recs.for', { profileId: newcomer.id, limit: 6 });
    await call(engine, 'ratings.set', { profileId: newcomer.id, itemIds: folk.slice(0, 3), value: 5 });
    await call(engine, 'ratings.set', { profileId: newcomer.id, itemIds: jazz.slice(0, 3), value: 1 });
    const warm = await call<Recommendations>(engine, 'recs.for', { profileId: newcomer.id, limit: 6 });
    expect(warm.items.map((r) => r.item.id)).not.toEqual(cold.items.map((r) => r.item.id));
    const warmFolk = warm.items.slice(0, 3).filter((r) => folk.includes(r.item.id)).length;
    expect(warmFolk).toBe(3);
  });

  it('filters by kind and hides items marked not interested (until brought back)', async () => {
    const filmsOnly = await call<Recommendations>(engine, 'recs.for', { profileId: fan.id, limit: 20, kinds: ['film'] });
    expect(filmsOnly.items.length).toBeGreaterThan(0);
    expect(filmsOnly.items.every((r) => r.item.kind === 'film')).toBe(true);
    const first = filmsOnly.items[0]!.item.id;
    await call(engine, 'recs.dismiss', { profileId: fan.id, itemIds: [first] });
    const hidden = await call<Recommendations>(engine, 'recs.for', { profileId: fan.id, limit: 20, kinds: ['film'] });
    expect(hidden.items.map((r) => r.item.id)).not.toContain(first);
    // Only that profile stops seeing it.
    const others = await call<Recommendations>(engine, 'recs.for', { profileId: newcomer.id, limit: 40, kinds: ['film'] });
    expect(others.items.map((r) => r.item.id)).toContain(first);
    await call(engine, 'recs.dismiss', { profileId: fan.id, itemIds: [first], dismissed: false });
    const back = await call<Recommendations>(engine, 'recs.for', { profileId: fan.id, limit: 20, kinds: ['film'] });
    expect(back.items.map((r) => r.item.id)).toContain(first);
    await expect(call(engine, 'recs.for', { profileId: 9999 })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
