/**
 * The Stills lab end to end in headless Chromium against `motif serve`: a generated shot-scale set
 * (five scales, three "films") is imported through the lab's form and one still is moved to another
 * class and back, a transfer model is trained on the real MobileNet from the reference data, its
 * confusion matrix is shown, two unsure stills are fixed from the review queue with the keyboard, the
 * model is retrained, the two versions are compared, rolled back and forward, exported and imported,
 * a folder of new stills is batch-classified, one still is classified from its bytes, and the Library
 * finds the folder's stills by the predicted tag.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src/shared/api';
import { referencePath } from '../helpers/reference';
import { SHOT_SCALE_CLASSES, writeShotScaleSet } from '../stills/shot-scale-set';
import { CHROMIUM, launchChromium, screenshot, serveStudio, type ServedStudio } from './helpers/studio';

const haveChromium = fs.existsSync(CHROMIUM);
const backbone = referencePath('models', 'mobilenet_v1_0.75_224');
if (!backbone) console.log('stills e2e skipped: the MobileNet backbone is not in the reference data (MOTIF_REFERENCE_DIR).');

const CLASSES = SHOT_SCALE_CLASSES;

/** Calls the engine the way the studio does, with the access token from the printed address. */
async function api<M extends ApiMethod>(studio: ServedStudio, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const url = new URL(studio.url);
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token') ?? ''}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: ApiOutput<M> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** Thumbnails are loaded lazily; wait until those on screen have decoded (a string: no DOM types here). */
async function imagesLoaded(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          '[...document.querySelectorAll(".panel img")].filter((img) => { const r = img.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; }).every((img) => img.complete && img.naturalWidth > 0)',
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
}

describe.skipIf(!haveChromium || !backbone)('Stills lab (motif serve + headless Chromium)', () => {
  let studio: ServedStudio;
  let browser: Browser;
  let page: Page;
  let work: string;
  let trainingSet: string;
  let unsorted: string;
  const pageErrors: string[] = [];
  const lab = () => page.getByRole('region', { name: /^Dataset / });

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-e2e-stills-'));
    trainingSet = path.join(work, 'shot-scale');
    unsorted = path.join(work, 'unsorted');
    await writeShotScaleSet(trainingSet, { perClass: 10, seed: 3, films: 3, width: 192, height: 108 });
    await writeShotScaleSet(unsorted, { perClass: 2, seed: 41, films: 2, width: 192, height: 108 });
    studio = await serveStudio();
    await api(studio, 'settings.update', { backbone: { path: backbone ?? '' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(studio.url);
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('imports a folder of class folders through the lab and shows its classes', async () => {
    await page.getByRole('navigation', { name: 'Studio areas' }).getByRole('button', { name: 'Stills' }).click();
    await page.getByText('No stills dataset yet').waitFor();
    await page.getByRole('status', { name: 'Backbone status' }).getByText('MobileNet backbone ready').waitFor();
    await page.getByLabel('Folder of class folders').fill(trainingSet);
    await page.getByRole('button', { name: 'Import class folders' }).click();
    await page.getByRole('heading', { level: 2, name: 'shot-scale' }).waitFor({ timeout: 60_000 });
    const report = page.getByRole('region', { name: 'Import report' });
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toMatch(/50 new stills/);
    const classes = page.getByRole('navigation', { name: 'Classes' });
    for (const label of CLASSES) await classes.getByRole('button', { name: new RegExp(`^${label}\\s*10$`) }).waitFor();
    // The shot-scale names are recognised as ordered (for ±1 accuracy).
    await classes.getByText('ordered').waitFor();
    await expect.poll(() => lab().getByRole('list', { name: 'Stills' }).getByRole('button').count()).toBe(10);
    const close = page.getByRole('button', { name: 'Close jobs panel' });
    if (await close.isVisible()) await close.click();
    await imagesLoaded(page);
    await screenshot(page, 'stills-dataset');

    // Move one still to the next class and back (Label: select, Move to).
    const grid = lab().getByRole('list', { name: 'Stills' });
    const first = grid.getByRole('button').first();
    const title = (await first.getAttribute('aria-label')) ?? '';
    await first.click();
    await page.getByLabel('Move to').selectOption(CLASSES[1]);
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await classes.getByRole('button', { name: new RegExp(`^${CLASSES[0]}\\s*9$`) }).waitFor();
    await classes.getByRole('button', { name: new RegExp(`^${CLASSES[1]}\\s*11$`) }).click();
    // Moved by a person, it now counts as reviewed.
    await grid.getByRole('button', { name: `${title}, reviewed`, exact: true }).click();
    await page.getByLabel('Move to').selectOption(CLASSES[0]);
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await classes.getByRole('button', { name: new RegExp(`^${CLASSES[0]}\\s*10$`) }).waitFor();
  });

  it('trains a transfer model with a live chart and shows its confusion matrix', async () => {
    await page.getByRole('tab', { name: /Train/ }).click();
    await page.getByRole('radio', { name: /Transfer/ }).click();
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('30');
    await page.getByRole('spinbutton', { name: 'Epochs' }).blur();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const result = page.getByRole('status', { name: 'Training result' });
    await result.waitFor({ timeout: 150_000 });
    expect(await result.textContent()).toMatch(/\d+\.\d% accuracy on\s+\d+ held-out stills/);
    await expect.poll(() => page.getByRole('img', { name: /^Training chart: after epoch \d+/ }).count()).toBe(1);
    await page.evaluate('document.querySelector(".panel").scrollTop = 0');
    await screenshot(page, 'stills-trained');
    // The "Model trained" notice goes by itself; the next screenshots show the lab without it.
    await page.getByText('Model trained', { exact: true }).waitFor({ state: 'hidden', timeout: 10_000 });

    await page.getByRole('tab', { name: /Evaluate/ }).click();
    const matrix = page.getByRole('table', { name: /Confusion matrix/ });
    await matrix.waitFor();
    expect(await matrix.getByRole('button', { name: /^True close-up, predicted close-up: \d+/ }).count()).toBe(1);
    await page.getByRole('img', { name: /^Reliability diagram: expected calibration error/ }).waitFor();
    // Rows in the shot-scale order, closest first.
    expect(await matrix.getByRole('rowheader').allTextContents()).toEqual([...CLASSES]);
    await page.getByRole('heading', { name: 'Confusion matrix' }).scrollIntoViewIfNeeded();
    await page.evaluate('document.querySelector(".panel").scrollBy(0, 180)');
    await screenshot(page, 'stills-confusion');
  });

  it('fixes two unsure stills from the review queue with the keyboard, then retrains', async () => {
    await page.getByRole('tab', { name: /Review/ }).click();
    const still = page.getByRole('region', { name: 'Still to review' });
    await still.waitFor({ timeout: 30_000 });
    const counter = page.getByRole('status', { name: 'Reviewed stills' });
    expect(await counter.textContent()).toMatch(/^0 reviewed/);
    // Focus the page body, so the keys go to the review (not to a focused tab or button).
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const first = await page.getByRole('list', { name: 'Queue' }).getByRole('button').first().getAttribute('aria-label');
    await page.keyboard.press('1'); // the first class: relabel the first still
    await expect.poll(() => counter.textContent()).toMatch(/^1 reviewed/);
    await page.keyboard.press('Enter'); // keep the second still's label
    await expect.poll(() => counter.textContent()).toMatch(/^2 reviewed/);
    expect(first).toMatch(/^1: /);
    await imagesLoaded(page);
    await screenshot(page, 'stills-queue');

    // Undo and redo the last decision with U and Enter (it stays 2).
    await page.keyboard.press('u');
    await expect.poll(() => counter.textContent()).toMatch(/^1 reviewed/);
    await page.keyboard.press('Enter');
    await expect.poll(() => counter.textContent()).toMatch(/^2 reviewed/);

    const versions = async (): Promise<number> => (await api(studio, 'stills.models', {})).length;
    expect(await versions()).toBe(1);
    await page.getByRole('button', { name: 'Retrain (seconds, cached embeddings)' }).click();
    await expect.poll(versions, { timeout: 120_000 }).toBe(2);
  });

  it('compares the two versions, rolls back and forward, and exports and imports a version', async () => {
    await page.getByRole('tab', { name: /Evaluate/ }).click();
    const versions = page.getByRole('table', { name: 'Model versions' });
    await expect.poll(() => versions.locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    const newest = ((await versions.locator('tbody tr').first().locator('.name').textContent()) ?? '').trim();
    const older = ((await versions.locator('tbody tr').nth(1).locator('.name').textContent()) ?? '').trim();
    await page.getByRole('checkbox', { name: `Compare ${older} with the version in use` }).check();
    const comparison = page.getByRole('heading', { name: `${older} → ${newest}` });
    await comparison.waitFor();
    await comparison.scrollIntoViewIfNeeded();
    await page.getByText('Model trained', { exact: true }).waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot(page, 'stills-compare');

    // Roll back to the older version, then forward again.
    await page.getByRole('button', { name: `Use ${older}` }).click();
    await page.getByRole('heading', { level: 3, name: older, exact: true }).waitFor();
    await page.getByRole('button', { name: `Use ${newest}` }).click();
    await page.getByRole('heading', { level: 3, name: newest, exact: true }).waitFor();

    const exported = path.join(work, 'exported-model');
    await page.getByRole('button', { name: `Export ${newest}` }).click();
    await page.getByLabel(`Export ${newest} to folder`).fill(exported);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => fs.existsSync(path.join(exported, 'labels.json')) || fs.existsSync(exported), { timeout: 20_000 }).toBe(true);
    await page.getByLabel('Import a model folder').fill(exported);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => versions.locator('tbody tr').count(), { timeout: 20_000 }).toBe(3);
    await versions.getByText('imported').first().waitFor();
  });

  it('batch-classifies a folder and finds the stills in the Library by their predicted tag', async () => {
    await page.getByRole('tab', { name: /Use/ }).click();
    await page.getByLabel('Folder of stills').fill(unsorted);
    await page.getByRole('button', { name: 'Classify', exact: true }).click();
    const report = page.getByRole('region', { name: 'Classification report' });
    await report.waitFor({ timeout: 120_000 });
    expect(await report.textContent()).toMatch(/10 of 10 stills classified/);
    // The export and import notices go by themselves; the screenshot shows the report alone.
    await page.getByText('Model imported', { exact: true }).waitFor({ state: 'hidden', timeout: 10_000 });
    await page.getByText('Model exported', { exact: true }).waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot(page, 'stills-classified');

    // One still through the drop zone's file picker: its bytes go to stills.predict (the browser has no path).
    const still = path.join(unsorted, CLASSES[0], fs.readdirSync(path.join(unsorted, CLASSES[0]))[0] ?? '');
    await page.getByLabel('Still to classify').setInputFiles(still);
    const prediction = page.getByRole('status', { name: 'Prediction' });
    await prediction.waitFor({ timeout: 30_000 });
    expect(await prediction.textContent()).toMatch(/\d+% sure/);
    expect(await prediction.getByRole('listitem').count()).toBe(3);

    const show = report.getByRole('button', { name: /^Show the .+ stills in the Library$/ }).first();
    const label = /^Show the (.+) stills in the Library$/.exec((await show.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    const expected = (await api(studio, 'library.list', { tags: [label], limit: 100 })).total;
    expect(expected).toBeGreaterThan(0);
    await show.click();
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
    const count = page.getByRole('status', { name: 'Item count' });
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe(`${expected} ${expected === 1 ? 'item' : 'items'}`);
    await screenshot(page, 'library-tag-filter');
    expect(pageErrors).toEqual([]);
  });
});
