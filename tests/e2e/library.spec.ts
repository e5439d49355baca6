import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, screenshot, serveStudio, type ServedStudio } from './helpers/studio';

const haveChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!haveChromium)('Library in the browser studio', () => {
  let studio: ServedStudio;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    studio = await serveStudio();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(studio.url);
    await page.getByRole('navigation', { name: 'Studio areas' }).getByRole('button', { name: 'Library' }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('imports the demo set from the empty library, then searches and filters it', async () => {
    await page.getByText('Your library is empty').waitFor();
    await page.getByRole('button', { name: 'Import the demo set' }).click();
    const count = page.getByRole('status', { name: 'Item count' });
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toBe('18 items');
    // Stills show as thumbnails made by the engine.
    // Polled with page.evaluate (CDP, outside the page's CSP): waitForFunction's string form needs eval.
    await expect
      .poll(
        () =>
          page.evaluate(
            "[...document.images].filter((i) => i.complete && i.naturalWidth > 0 && i.src.includes('size=')).length",
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(4);
    await screenshot(page, 'library-demo-grid');

    await page.getByLabel('Search the library').fill('greensleeves');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('2 items matching “greensleeves”');
    await page.getByLabel('Search the library').fill('');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('18 items');
    await page.getByRole('group', { name: 'Kind' }).getByRole('button', { name: 'Images' }).click();
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('12 items');
    await page.getByRole('group', { name: 'Kind' }).getByRole('button', { name: 'MIDI' }).click();
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('3 items');
  });

  it('rates as one profile, and a second profile has its own ratings', async () => {
    const rating = page.getByRole('slider', { name: /Rating of Ode to Joy/ }).first();
    await rating.focus();
    // Half a star per key press, each saved before the next.
    for (let halves = 1; halves <= 9; halves++) {
      await page.keyboard.press('ArrowRight');
      const stars = halves / 2;
      await expect.poll(() => rating.getAttribute('aria-valuetext'), { timeout: 10_000 }).toBe(`${stars} ${stars === 1 ? 'star' : 'stars'}`);
    }
    await screenshot(page, 'library-rated');

    await page.getByRole('button', { name: /Switch profile|Choose a profile/ }).click();
    await page.getByRole('button', { name: 'New profile…' }).click();
    await page.getByLabel('Profile name').fill('Band');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Profile: Band/ }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => rating.getAttribute('aria-valuetext'), { timeout: 10_000 }).toBe('Not rated');

    await page.getByRole('button', { name: /Profile: Band/ }).click();
    await page.getByRole('dialog', { name: 'Profiles' }).getByRole('button', { name: 'Me' }).click();
    await expect.poll(() => rating.getAttribute('aria-valuetext'), { timeout: 10_000 }).toBe('4.5 stars');
    expect(pageErrors).toEqual([]);
  });
});
