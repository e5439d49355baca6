import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput, LibraryPage } from '../../src/shared/api';
import type { Profile } from '../../src/shared/catalogue';
import { CHROMIUM, launchChromium, screenshot, serveStudio, type ServedStudio } from './helpers/studio';

const haveChromium = fs.existsSync(CHROMIUM);

/** Calls the engine the way the studio does, with the access token from the printed address. */
async function api<M extends ApiMethod>(studio: ServedStudio, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const url = new URL(studio.url);
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token') ?? ''}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as
    { ok: true; value: ApiOutput<M> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** Each card's title and what its stars say (predicted, or the rating just given). */
async function cardSummaries(page: Page): Promise<string[]> {
  const cards = page.getByRole('list', { name: 'Suggestions' }).getByRole('article');
  const out: string[] = [];
  for (const card of await cards.all()) {
    out.push(`${await card.getAttribute('aria-label')}: ${(await card.locator('.rating-row').textContent())?.trim()}`);
  }
  return out;
}

/** Cards move (flip) and fade in when the list changes; screenshots wait for them to rest. */
async function settled(page: Page): Promise<void> {
  // A function, not a string: the studio's CSP forbids evaluating strings. Typed loosely because the
  // e2e specs compile without the DOM library.
  type Doc = { document: { getAnimations(): unknown[] } };
  await page.waitForFunction(() => (globalThis as unknown as Doc).document.getAnimations().length === 0, null, {
    timeout: 5_000,
  });
}

async function rateWithKeys(slider: Locator, key: string): Promise<void> {
  await slider.focus();
  await slider.press(key);
}

describe.skipIf(!haveChromium)('Discover in the browser studio', () => {
  let studio: ServedStudio;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const nav = (): Locator => page.getByRole('navigation', { name: 'Studio areas' });

  beforeAll(async () => {
    studio = await serveStudio();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(studio.url);
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('points an empty library to the Library, then suggests from the demo set once a profile rates', async () => {
    await nav().getByRole('button', { name: 'Discover' }).click();
    await page.getByText('Nothing to discover yet').waitFor();
    await page.getByRole('button', { name: 'Open the Library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();

    await page.getByRole('button', { name: 'Import the demo set' }).click();
    const count = page.getByRole('status', { name: 'Item count' });
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toBe('18 items');
    await page.keyboard.press('Escape'); // the Jobs panel the import opened

    // An editor tagged the stills by time of day (through the API here; the Library's tag editor does the same).
    const { items } = (await api(studio, 'library.list', { limit: 100 })) as LibraryPage;
    const stills = items.filter((item) => item.kind === 'image');
    const night = stills.filter((item) => item.path?.includes('night')).map((item) => item.id);
    const day = stills.filter((item) => item.path?.includes('day')).map((item) => item.id);
    await api(studio, 'media.tag', { ids: night, add: ['night'] });
    await api(studio, 'media.tag', { ids: day, add: ['daylight'] });

    // Rate a few things as "Me" in the Library: loves the tunes, likes night scenes, not daylight.
    const rate = async (name: RegExp, key: string, nth = 0): Promise<void> => {
      const slider = page.getByRole('slider', { name }).nth(nth);
      await rateWithKeys(slider, key);
      await expect.poll(() => slider.getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe(key);
    };
    await rate(/Rating of Ode to Joy/, '5');
    await rate(/Rating of Greensleeves/, '4');
    await rate(/Rating of night-1/, '5');
    await rate(/Rating of day-1/, '1');

    await nav().getByRole('button', { name: 'Discover' }).click();
    await page.getByText('Suggestions for Me · learned from 4 ratings of yours').waitFor();
    const suggestions = page.getByRole('list', { name: 'Suggestions' });
    await expect.poll(() => suggestions.getByRole('article').count(), { timeout: 20_000 }).toBe(14);
    expect(await page.getByRole('status', { name: 'Model status' }).textContent()).toBe(
      'No model yet — suggestions come from tags and popularity',
    );
    // The night stills come first, because Me rates night highly.
    await expect.poll(() => suggestions.getByText('You rate night highly').count()).toBeGreaterThan(0);
    await expect.poll(async () => (await cardSummaries(page))[0] ?? '').toMatch(/^night-/);
  });

  it('rates a suggestion in place: the card keeps its new rating while the list changes around it', async () => {
    const list = page.getByRole('list', { name: 'Suggestions' });
    const before = await cardSummaries(page);
    const first = list.getByRole('article').first();
    const title = (await first.getAttribute('aria-label')) ?? '';
    // Stills share file names across folders: count the cards with this title.
    const sameTitle = list.getByRole('article', { name: title, exact: true });
    const copies = await sameTitle.count();
    // Not a fan after all: one star.
    await rateWithKeys(first.getByRole('slider'), '1');
    await first.getByText('Rated 1★').waitFor();
    // Fold-in: the other suggestions were re-scored at once, while the rated card stays first.
    await expect
      .poll(async () => (await cardSummaries(page)).slice(1).join('\n'), { timeout: 10_000 })
      .not.toBe(before.slice(1).join('\n'));
    expect(await first.getAttribute('aria-label')).toBe(title);
    await settled(page);
    await screenshot(page, 'discover-rated');
    // Then the rated card goes (it is rated, so no longer a suggestion).
    await page.mouse.move(5, 5);
    await expect.poll(() => sameTitle.count(), { timeout: 15_000 }).toBe(copies - 1);
    await page.getByText('learned from 5 ratings of yours').waitFor();
  });

  it('hides a suggestion with Not interested, and Undo brings it back', async () => {
    const suggestions = page.getByRole('list', { name: 'Suggestions' });
    const last = suggestions.getByRole('article').last();
    const title = (await last.getAttribute('aria-label')) ?? '';
    const sameTitle = suggestions.getByRole('article', { name: title, exact: true });
    const copies = await sameTitle.count();
    await last.hover();
    await last.getByRole('button', { name: `Not interested in ${title}` }).click();
    const hidden = page.getByRole('group', { name: `Hidden: ${title}` });
    await hidden.waitFor();
    await settled(page);
    await screenshot(page, 'discover-hidden');
    expect(await sameTitle.count()).toBe(copies - 1);
    await hidden.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => sameTitle.count(), { timeout: 10_000 }).toBe(copies);
    expect(await hidden.count()).toBe(0);
  });

  it('a second profile starts from popularity and rates in Discover', async () => {
    await page.getByRole('button', { name: /Switch profile|Choose a profile/ }).click();
    await page.getByRole('button', { name: 'New profile…' }).click();
    await page.getByLabel('Profile name').fill('Band');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByText('Suggestions for Band', { exact: true }).waitFor();
    await page.getByText('Rate a few things to make these yours, Band').waitFor();
    // Me's favourites are what the other profiles rate highly.
    await page
      .getByText(/Popular: 5★ from 1 rating/)
      .first()
      .waitFor();

    const cards = page.getByRole('list', { name: 'Suggestions' }).getByRole('article');
    for (const [index, key] of [
      [0, '5'],
      [1, '4'],
      [2, '2'],
    ] as const) {
      await rateWithKeys(cards.nth(index).getByRole('slider'), key);
      // A rated card holds its place while the list refreshes around it.
      await cards.nth(index).getByText(`Rated ${key}★`).waitFor();
    }
    await page.getByText('Suggestions for Band · learned from 3 ratings of yours').waitFor();
  });

  it('trains the recommender from Discover and shows the cross-validation table', async () => {
    // Two more listeners rate through the API, so there are enough ratings (20) to learn from. Their
    // tastes are like Me's (night scenes and the tunes), each with a lean of their own.
    const { items } = (await api(studio, 'library.list', { limit: 100 })) as LibraryPage;
    const taste = (item: (typeof items)[number], lean: number): number => {
      const base = item.tags.includes('night')
        ? 4.5
        : item.tags.includes('daylight')
          ? 2
          : item.kind === 'audio'
            ? 4
            : 3.5;
      return Math.min(5, Math.max(0.5, Math.round((base + lean) * 2) / 2));
    };
    for (const [name, lean, picks] of [
      ['Ada', 0.5, items.filter((_, i) => i % 3 !== 0)],
      ['Sam', -0.5, items.filter((_, i) => i % 3 !== 1)],
    ] as const) {
      const listener: Profile = await api(studio, 'profiles.create', { name });
      for (const item of picks.slice(0, 10)) {
        await api(studio, 'ratings.set', { profileId: listener.id, itemIds: [item.id], value: taste(item, lean) });
      }
    }

    const train = page.getByRole('button', { name: 'Train recommender' });
    await expect.poll(() => train.isEnabled(), { timeout: 15_000 }).toBe(true);
    await train.click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Model status' }).textContent(), { timeout: 120_000 })
      .toMatch(/^Recommender trained on 28 ratings · RMSE \d\.\d\d vs SVD \d\.\d\d$/);
    await expect.poll(() => page.getByText(/lower error than SVD|higher error than SVD/).count()).toBe(1);

    await page.getByRole('button', { name: 'Evaluation' }).click();
    const table = page.getByRole('table', { name: 'Cross-validation of Motif default' });
    await table.waitFor({ timeout: 20_000 });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Measure',
      'Fold 1',
      'Fold 2',
      'Fold 3',
      'Fold 4',
      'Fold 5',
      'Mean',
      'Std',
    ]);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([
      'RMSE',
      'MAE',
      'Precision@10',
      'Recall@10',
      'nDCG@10',
      'Fit time',
      'Test time',
    ]);
    await page.getByRole('table', { name: 'Cross-validation of SVD (Surprise)' }).waitFor();
    await page.getByRole('table', { name: 'Recommender versions' }).getByRole('row').nth(1).waitFor();
    await settled(page);
    await screenshot(page, 'discover-evaluation');

    await page.getByRole('button', { name: 'Close the evaluation' }).click();
    // Suggestions now come from the model too.
    await page
      .getByRole('list', { name: 'Suggestions' })
      .getByText(/Because you rated/)
      .first()
      .waitFor({ timeout: 20_000 });
    await settled(page);
    await screenshot(page, 'discover-suggestions');
  });

  it('suggests a retrain once enough ratings came in since training', async () => {
    const { items } = (await api(studio, 'library.list', { limit: 100 })) as LibraryPage;
    const kim = await api(studio, 'profiles.create', { name: 'Kim' });
    for (const [k, item] of items.slice(0, 6).entries()) {
      await api(studio, 'ratings.set', { profileId: kim.id, itemIds: [item.id], value: (k % 5) + 1 });
    }
    await page.getByText('6 new ratings since training').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Retrain' }).isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
