import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiInput } from '../../../src/shared/api';
import { createClient } from '../../../src/shared/client';
import type { CatalogueStats } from '../../../src/shared/catalogue';
import { Discover } from '../../../src/renderer/src/discover/discover.svelte';
import DiscoverView from '../../../src/renderer/src/discover/DiscoverView.svelte';
import { JobsStore } from '../../../src/renderer/src/state/jobs.svelte';
import { ModelsStore } from '../../../src/renderer/src/state/models.svelte';
import { ProfilesStore } from '../../../src/renderer/src/state/profiles.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { getButton, getByLabel, queryButton } from '../helpers/dom';
import { catalogueStats, job } from '../helpers/fixtures';
import { ScriptedBridge, settle } from '../helpers/scriptedBridge';
import { MemoryStorage, profile } from '../library/fixtures';
import { finishAnimationsAtOnce } from './animations';
import { evaluation, FakeRecommender, rec, recsModel } from './fixtures';

let app: ReturnType<typeof mount> | null = null;
let restoreAnimations: () => void = () => {};

beforeEach(() => {
  restoreAnimations = finishAnimationsAtOnce();
});

afterEach(() => {
  restoreAnimations();
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const CATALOGUE = [
  rec(1, {
    kind: 'audio',
    title: 'Ode to Joy',
    source: 'ratings',
    predicted: 4.6,
    because: [{ itemId: 9, title: 'Greensleeves', rating: 5, similarity: 0.9 }],
  }),
  rec(2, { kind: 'image', title: 'Night 1', source: 'tags', predicted: 4.1, tags: ['night'] }),
  rec(3, { kind: 'midi', title: 'Frère Jacques', source: 'popular', popularity: { mean: 4.3, count: 12 } }),
  rec(4, { kind: 'film', title: 'Heat', source: 'new', predicted: 3.2 }),
];

async function render(
  options: { stats?: CatalogueStats; configure?: (bridge: ScriptedBridge, engine: FakeRecommender) => void } = {},
) {
  const engine = new FakeRecommender(CATALOGUE);
  engine.rated.set(9, 5);
  const bridge = new ScriptedBridge()
    .respond('profiles.list', [profile(1, 'Me'), profile(2, 'Band')])
    .respond('recs.for', engine.recsFor)
    .respond('ratings.set', engine.ratingsSet)
    .respond('recs.dismiss', engine.dismiss)
    .respond('models.list', [])
    .respond('models.delete', ({ id }) => ({ id }))
    .respond('media.waveform', null)
    .respond('recs.train', () => job({ id: 40, kind: 'recs-train', state: 'queued' }))
    .respond('recs.modelDetails', ({ modelId }) => ({
      modelId,
      evaluations: [evaluation('default', 0.88, 5), evaluation('svd', 0.94, 5)],
    }));
  options.configure?.(bridge, engine);
  const client = createClient(bridge);
  const toasts = new ToastStore();
  const profiles = new ProfilesStore(client, toasts.report, new MemoryStorage());
  const jobs = new JobsStore(client, toasts.report);
  const models = new ModelsStore(client, toasts.report);
  await profiles.load();
  await models.load();
  const discover = new Discover({
    client,
    report: toasts.report,
    profiles,
    jobs,
    models,
    catalogue: { stats: options.stats ?? catalogueStats({ items: 10, ratings: 6 }) },
    keepRatedMs: 60_000,
    refreshDelayMs: 10,
  });
  const onopenlibrary = vi.fn();
  app = mount(DiscoverView, {
    target: document.body,
    props: {
      discover,
      profile: profiles.active,
      mediaUrl: (id: number) => `/media/${id}`,
      loadWaveform: () => Promise.resolve(null),
      peekWaveform: () => null,
      onopenlibrary,
    },
  });
  flushSync();
  await settle();
  flushSync();
  return { bridge, engine, discover, toasts, onopenlibrary, models };
}

function cardTitles(): string[] {
  return [...document.querySelectorAll('ul[aria-label="Suggestions"] > li')].map(
    (li) => li.querySelector('article')?.getAttribute('aria-label') ?? `hidden:${li.textContent?.trim()}`,
  );
}

function card(title: string): HTMLElement {
  return getByLabel<HTMLElement>(title, document.querySelector('ul[aria-label="Suggestions"]') ?? document.body);
}

async function settled(): Promise<void> {
  flushSync();
  await settle();
  flushSync();
}

describe('DiscoverView: suggestions', () => {
  it('shows each suggestion with its kind, source, predicted stars and why', async () => {
    await render();
    expect(cardTitles()).toEqual(['Ode to Joy', 'Night 1', 'Frère Jacques', 'Heat']);

    const ode = card('Ode to Joy');
    expect(ode.textContent).toContain('For you');
    expect(ode.textContent).toContain('Song');
    expect(ode.textContent).toContain('Because you rated Greensleeves 5★');
    expect(ode.querySelector('em')?.textContent).toBe('Greensleeves');
    expect(ode.textContent).toContain('4.6★ predicted');
    const stars = getByLabel('Rating of Ode to Joy', ode);
    expect(stars.getAttribute('aria-valuetext')).toBe('Not rated');
    expect(stars.getAttribute('tabindex')).toBe('0');

    expect(card('Night 1').textContent).toContain('You rate night highly');
    expect(card('Night 1').textContent).toContain('Still');
    expect(card('Frère Jacques').textContent).toContain('Popular: 4.3★ from 12 ratings');
    expect(card('Heat').textContent).toContain('New in your library');
    expect(document.body.textContent).toContain('Suggestions for Me · learned from 1 rating of yours');
  });

  it('filters by kind with the chips', async () => {
    const { bridge } = await render();
    const chips = getByLabel<HTMLElement>('Kind');
    getButton('Stills', chips).click();
    await settled();
    expect(bridge.callsTo('recs.for').at(-1)).toEqual({ profileId: 1, limit: 24, kinds: ['image'] });
    expect(getButton('Stills', chips).getAttribute('aria-pressed')).toBe('true');
    expect(getButton('All', chips).getAttribute('aria-pressed')).toBe('false');
    expect(cardTitles()).toEqual(['Night 1']);
  });

  it('rates in place: saves, keeps the card with its rating, and the rest of the list changes', async () => {
    const { bridge, engine } = await render();
    // What the engine suggests next, once Ode to Joy is rated.
    engine.catalogue.push(rec(5, { title: 'Greensleeves (audio)', source: 'ratings' }));
    const stars = getByLabel<HTMLElement>('Rating of Ode to Joy', card('Ode to Joy'));
    stars.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true }));
    await settled();

    expect(bridge.callsTo('ratings.set')).toEqual([{ profileId: 1, itemIds: [1], value: 4 }]);
    expect((bridge.callsTo('recs.for') as ApiInput<'recs.for'>[]).length).toBe(2);
    expect(cardTitles()).toEqual(['Ode to Joy', 'Night 1', 'Frère Jacques', 'Heat', 'Greensleeves (audio)']);
    const ode = card('Ode to Joy');
    expect(getByLabel('Rating of Ode to Joy', ode).getAttribute('aria-valuetext')).toBe('4 stars');
    expect(ode.textContent).toContain('Rated 4★');
    expect(ode.textContent).toContain('Suggestions updated from your rating.');
  });

  it('"Not interested" hides a card behind an Undo that brings it back', async () => {
    const { bridge } = await render();
    getButton('Not interested in Night 1').click();
    await settled();
    expect(bridge.callsTo('recs.dismiss')).toEqual([{ profileId: 1, itemIds: [2] }]);
    const hidden = getByLabel<HTMLElement>('Hidden: Night 1');
    expect(hidden.textContent).toContain('is hidden from your suggestions');
    expect(document.activeElement).toBe(getButton('Undo', hidden));

    getButton('Undo', hidden).click();
    await settled();
    expect(bridge.callsTo('recs.dismiss').at(-1)).toEqual({ profileId: 1, itemIds: [2], dismissed: false });
    expect(cardTitles()).toEqual(['Ode to Joy', 'Night 1', 'Frère Jacques', 'Heat']);
    expect(queryButton('Undo')).toBeNull();
  });
});

describe('DiscoverView: the recommender', () => {
  it('says there is no model yet and how many ratings training needs', async () => {
    await render({ stats: catalogueStats({ items: 10, ratings: 6 }) });
    expect(getByLabel('Model status').textContent).toBe('No model yet — suggestions come from tags and popularity');
    expect(document.body.textContent).toContain('Rate 14 more items (any profile)');
    expect(getButton('Train recommender').disabled).toBe(true);
  });

  it('offers a retrain when ratings piled up since training, and starts it', async () => {
    const { bridge } = await render({
      stats: catalogueStats({ items: 10, ratings: 48 }),
      configure: (b, engine) => {
        b.respond('models.list', [recsModel(7)]);
        engine.modelId = 7;
        engine.ratingsSinceTraining = 6;
      },
    });
    expect(getByLabel('Model status').textContent).toBe('Recommender trained on 42 ratings · RMSE 0.89 vs SVD 0.94');
    expect(document.body.textContent).toContain('6 new ratings since training');
    expect(document.body.textContent).toContain('5.4% lower error than SVD');
    getButton('Retrain').click();
    await settled();
    expect(bridge.callsTo('recs.train')).toEqual([{}]);
    expect(getByLabel('Recommender training').textContent).toContain('Recommender training');
    expect(getButton('Cancel job 40')).toBeTruthy();
    expect(document.body.textContent).not.toContain('new ratings since training');
  });

  it('shows the cross-validation table and the versions in the Evaluation panel', async () => {
    const { bridge } = await render({
      configure: (b, engine) => {
        b.respond('models.list', [recsModel(7), recsModel(5, { rmseImprovement: -0.02 })]);
        engine.modelId = 7;
      },
    });
    const toggle = getButton('Evaluation');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await settled();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(bridge.callsTo('recs.modelDetails')).toEqual([{ modelId: 7 }]);

    const table = getByLabel<HTMLTableElement>('Cross-validation of Motif default');
    const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    expect(head).toEqual(['Measure', 'Fold 1', 'Fold 2', 'Fold 3', 'Fold 4', 'Fold 5', 'Mean', 'Std']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('th')?.textContent?.trim());
    expect(rows).toEqual(['RMSE', 'MAE', 'Precision@10', 'Recall@10', 'nDCG@10', 'Fit time', 'Test time']);
    const rmseMean = table.querySelector('tbody tr td.mean');
    expect(rmseMean?.textContent).toBe('0.9100');
    expect(rmseMean?.classList.contains('best')).toBe(true);
    expect(getByLabel('Cross-validation of SVD (Surprise)')).toBeTruthy();

    const versions = getByLabel<HTMLTableElement>('Recommender versions');
    expect(versions.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(versions.textContent).toContain('−5.4%');
    expect(versions.textContent).toContain('+2.0%');

    getButton(/^Recommender \(default\) #5/, versions).click();
    await settled();
    expect(bridge.callsTo('recs.modelDetails').at(-1)).toEqual({ modelId: 5 });

    getButton('Delete Recommender (default) #5', versions).click();
    flushSync();
    getButton('Delete', getByLabel('Confirm deleting Recommender (default) #5')).click();
    await settled();
    expect(bridge.callsTo('models.delete')).toEqual([{ id: 5 }]);
    expect(versions.querySelectorAll('tbody tr')).toHaveLength(1);
  });
});

describe('DiscoverView: an evaluation that cannot be read', () => {
  it('says so once, and tries again on request', async () => {
    const { bridge } = await render({
      configure: (b, engine) => {
        b.respond('models.list', [recsModel(7)]);
        b.fail('recs.modelDetails', 'internal', 'The evaluation of model version 7 could not be read.');
        engine.modelId = 7;
      },
    });
    getButton('Evaluation').click();
    await settled();
    await settled();
    expect(bridge.callsTo('recs.modelDetails')).toHaveLength(1);
    expect(document.body.textContent).toContain('The evaluation could not be read');

    bridge.respond('recs.modelDetails', ({ modelId }) => ({ modelId, evaluations: [evaluation('default', 0.9, 3)] }));
    getButton('Try again').click();
    await settled();
    expect(getByLabel('Cross-validation of Motif default')).toBeTruthy();
  });
});

describe('DiscoverView: empty states', () => {
  it('points an empty library to the Library', async () => {
    const { onopenlibrary } = await render({ stats: catalogueStats({ items: 0 }) });
    expect(document.body.textContent).toContain('Nothing to discover yet');
    expect(document.body.textContent).toContain('motif recs import-ratings');
    getButton('Open the Library').click();
    expect(onopenlibrary).toHaveBeenCalledOnce();
  });

  it('asks a profile without ratings to rate a few things', async () => {
    const { onopenlibrary } = await render({ configure: (_b, engine) => engine.rated.clear() });
    expect(document.body.textContent).toContain('Rate a few things to make these yours, Me');
    getButton('Rate in the Library').click();
    expect(onopenlibrary).toHaveBeenCalledOnce();
  });

  it('says so when everything of a kind was rated or hidden', async () => {
    await render({ configure: (_b, engine) => engine.hidden.add(4) });
    getButton('Films', getByLabel<HTMLElement>('Kind')).click();
    await settled();
    expect(document.body.textContent).toContain('No more films to suggest');
  });
});
