import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiInput } from '../../../src/shared/api';
import { createClient } from '../../../src/shared/client';
import { SuggestionsStore, type SuggestionsOptions } from '../../../src/renderer/src/discover/suggestions.svelte';
import { ToastStore } from '../../../src/renderer/src/state/toasts.svelte';
import { TestProfile } from '../helpers/activeProfile';
import { ScriptedBridge } from '../helpers/scriptedBridge';
import { flush } from '../library/fixtures';
import { FakeRecommender, rec, recs } from './fixtures';

function setup(options: SuggestionsOptions = {}, profileId: number | null = 1) {
  const engine = new FakeRecommender([
    rec(1, { kind: 'audio', title: 'Ode to Joy' }),
    rec(2, { kind: 'image', title: 'Night 1' }),
    rec(3, { kind: 'midi', title: 'Greensleeves' }),
    rec(4, { kind: 'image', title: 'Day 2' }),
    rec(5, { kind: 'film', title: 'Heat' }),
  ]);
  const bridge = new ScriptedBridge()
    .respond('recs.for', engine.recsFor)
    .respond('ratings.set', engine.ratingsSet)
    .respond('recs.dismiss', engine.dismiss);
  const toasts = new ToastStore();
  const profile = new TestProfile(profileId);
  const store = new SuggestionsStore(createClient(bridge), toasts.report, profile, {
    refreshDelayMs: 100,
    keepRatedMs: 1000,
    undoMs: 5000,
    ...options,
  });
  const requests = (): ApiInput<'recs.for'>[] => bridge.callsTo('recs.for') as ApiInput<'recs.for'>[];
  const ids = (): number[] => store.cards.map((card) => card.rec.item.id);
  return { engine, bridge, toasts, profile, store, requests, ids };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SuggestionsStore: the request', () => {
  it('asks for the active profile, and for one kind when a chip is on', async () => {
    const { store, requests, ids } = setup({ limit: 12 });
    await store.load();
    expect(requests().at(-1)).toEqual({ profileId: 1, limit: 12 });
    expect(ids()).toEqual([1, 2, 3, 4, 5]);

    store.setKind('image');
    await flush();
    expect(requests().at(-1)).toEqual({ profileId: 1, limit: 12, kinds: ['image'] });
    expect(ids()).toEqual([2, 4]);

    store.setKind('all');
    await flush();
    expect(requests().at(-1)).toEqual({ profileId: 1, limit: 12 });
  });

  it('asks nothing without a profile, and starts over when the profile changes', async () => {
    const { store, profile, requests } = setup({}, null);
    const stop = store.connect();
    await flush();
    expect(requests()).toHaveLength(0);
    expect(store.request()).toBeNull();

    profile.switchTo(2);
    await flush();
    expect(requests().at(-1)).toEqual({ profileId: 2, limit: 24 });
    expect(store.loaded).toBe(true);
    expect(store.result?.profileId).toBe(2);
    stop();
  });

  it('drops an answer for a filter that is no longer on', async () => {
    const { store, bridge, engine, ids } = setup();
    const slow = bridge.defer('recs.for');
    const first = store.load();
    store.setKind('film');
    slow.resolve(recs([rec(9, { kind: 'audio' })]));
    bridge.respond('recs.for', engine.recsFor);
    await first;
    expect(ids()).toEqual([5]);
  });

  it('refreshes once after a burst of ratings, media or models changes, and not for tags', async () => {
    vi.useFakeTimers();
    const { store, bridge, requests } = setup();
    const stop = store.connect();
    await flush();
    expect(requests()).toHaveLength(1);

    bridge.emit('catalogue.changed', { table: 'ratings' });
    bridge.emit('catalogue.changed', { table: 'media' });
    bridge.emit('catalogue.changed', { table: 'models' });
    bridge.emit('catalogue.changed', { table: 'tags' });
    vi.advanceTimersByTime(99);
    await flush();
    expect(requests()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await flush();
    expect(requests()).toHaveLength(2);

    bridge.emit('catalogue.changed', { table: 'profiles' });
    vi.advanceTimersByTime(500);
    await flush();
    expect(requests()).toHaveLength(2);

    stop();
    bridge.emit('catalogue.changed', { table: 'ratings' });
    vi.advanceTimersByTime(500);
    await flush();
    expect(requests()).toHaveLength(2);
  });
});

describe('SuggestionsStore: rating in place', () => {
  it('saves the rating, refreshes at once and keeps the rated card where it was for a moment', async () => {
    vi.useFakeTimers();
    const { store, bridge, requests, ids } = setup();
    await store.load();

    const saving = store.rate(2, 4.5);
    // At once, before the engine answers: the card shows its new rating in place.
    expect(store.cards[1]).toMatchObject({ state: 'rated', rating: 4.5 });
    expect(await saving).toBe(true);
    expect(bridge.callsTo('ratings.set')).toEqual([{ profileId: 1, itemIds: [2], value: 4.5 }]);
    expect(requests()).toHaveLength(2);
    // The engine no longer suggests item 2, but it stays put until its time is up.
    expect(store.result?.items.map((r) => r.item.id)).toEqual([1, 3, 4, 5]);
    expect(ids()).toEqual([1, 2, 3, 4, 5]);

    vi.advanceTimersByTime(1000);
    expect(ids()).toEqual([1, 3, 4, 5]);
  });

  it('waits for the pointer to leave a rated card before letting it go', async () => {
    vi.useFakeTimers();
    const { store, ids } = setup();
    await store.load();
    store.hover(3);
    await store.rate(3, 5);
    vi.advanceTimersByTime(5000);
    expect(ids()).toContain(3);
    store.hover(4);
    expect(ids()).toEqual([1, 2, 4, 5]);
  });

  it('puts the card back and says so when the rating cannot be saved', async () => {
    const { store, bridge, toasts, ids } = setup();
    await store.load();
    bridge.fail('ratings.set', 'internal', 'disk full');
    expect(await store.rate(1, 3)).toBe(false);
    expect(store.cards[0]).toMatchObject({ state: 'suggested', rating: null });
    expect(ids()).toEqual([1, 2, 3, 4, 5]);
    expect(toasts.items[0]?.actions).toEqual(['Could not save the rating']);
  });
});

describe('SuggestionsStore: not interested', () => {
  it('hides the card behind an Undo, then lets it go', async () => {
    vi.useFakeTimers();
    const { store, bridge, ids } = setup();
    await store.load();

    await store.dismiss(4);
    expect(bridge.callsTo('recs.dismiss')).toEqual([{ profileId: 1, itemIds: [4] }]);
    expect(store.cards[3]).toMatchObject({ state: 'dismissed' });
    expect(ids()).toEqual([1, 2, 3, 4, 5]);

    vi.advanceTimersByTime(5000);
    expect(ids()).toEqual([1, 2, 3, 5]);
  });

  it('Undo brings it back into the suggestions', async () => {
    const { store, bridge, engine, ids } = setup();
    await store.load();
    await store.dismiss(2);
    expect(engine.hidden.has(2)).toBe(true);

    expect(await store.undoDismiss(2)).toBe(true);
    expect(bridge.callsTo('recs.dismiss').at(-1)).toEqual({ profileId: 1, itemIds: [2], dismissed: false });
    expect(engine.hidden.has(2)).toBe(false);
    expect(ids()).toEqual([1, 2, 3, 4, 5]);
    expect(store.cards.every((card) => card.state === 'suggested')).toBe(true);
  });

  it('a card cannot be rated or hidden twice while it is hidden', async () => {
    const { store, bridge } = setup();
    await store.load();
    await store.dismiss(1);
    expect(await store.dismiss(1)).toBe(false);
    expect(await store.rate(1, 4)).toBe(false);
    expect(bridge.callsTo('recs.dismiss')).toHaveLength(1);
    expect(bridge.callsTo('ratings.set')).toHaveLength(0);
  });

  it('switching profile lets held cards go', async () => {
    const { store, profile, ids } = setup();
    const stop = store.connect();
    await flush();
    await store.dismiss(1);
    profile.switchTo(2);
    await flush();
    expect(ids()).toEqual([2, 3, 4, 5]);
    stop();
  });
});
