/**
 * The melody studio end to end in headless Chromium: a folder of generated MIDI tunes goes into the
 * library through the Library's Add folder form; Compose's Train tab trains a small model to the
 * end; a melody drawn with the pencil is continued (2 bars × 2 variations); one variation is
 * auditioned and accepted; the exported file holds the drawn and the accepted notes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMidi, writeMidi } from '../../src/main/engine/music/midi';
import type { MidiSong } from '../../src/shared/music';
import { CHROMIUM, launchChromium, screenshot, serveStudio, type ServedStudio } from './helpers/studio';

const haveChromium = fs.existsSync(CHROMIUM);

const C_MAJOR = [60, 62, 64, 65, 67, 69, 71, 72, 74, 76];

/** A 16-bar tune in C major: a seeded random walk of eighths and quarters, ending on C. */
function tune(seed: number): MidiSong {
  let state = seed * 7919 + 13;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const notes = [];
  let degree = 2 + (seed % 4);
  let tick = 0;
  const end = 16 * 1920;
  while (tick < end - 960) {
    const duration = random() < 0.6 ? 240 : 480;
    degree = Math.min(C_MAJOR.length - 1, Math.max(0, degree + Math.round((random() - 0.5) * 4)));
    notes.push({
      pitch: C_MAJOR[degree] ?? 60,
      velocity: 70 + Math.round(random() * 30),
      tick,
      durationTicks: duration - 20,
      channel: 0,
    });
    tick += duration;
  }
  notes.push({ pitch: 60, velocity: 80, tick, durationTicks: 900, channel: 0 });
  return {
    format: 1,
    ppq: 480,
    tracks: [{ name: `Tune ${seed}`, program: 0, notes }],
    tempos: [{ tick: 0, microsecondsPerQuarter: 500_000 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    lyrics: [],
    durationTicks: end,
  };
}

/** The piano roll's note count, read from the canvas's accessible summary. */
async function noteCount(page: Page): Promise<number> {
  const label = (await page.getByRole('img', { name: /^Piano roll:/ }).getAttribute('aria-label')) ?? '';
  const match = /Piano roll: (\d+) notes?/.exec(label);
  return match ? Number(match[1]) : 0;
}

describe.skipIf(!haveChromium)('Compose with a melody model (motif serve + headless Chromium)', () => {
  let studio: ServedStudio;
  let browser: Browser;
  let page: Page;
  let folder: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-e2e-tunes-'));
    for (let i = 1; i <= 12; i++)
      fs.writeFileSync(path.join(folder, `tune-${String(i).padStart(2, '0')}.mid`), writeMidi(tune(i)));
    studio = await serveStudio();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(studio.url);
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('adds a folder of MIDI tunes from the Library', async () => {
    const nav = page.getByRole('navigation', { name: 'Studio areas' });
    await nav.getByRole('button', { name: 'Library' }).click();
    await page.getByText('Your library is empty').waitFor();
    await page.getByLabel('Folder path').fill(folder);
    await page.getByRole('button', { name: 'Import folder' }).click();
    const count = page.getByRole('status', { name: 'Item count' });
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toBe('12 items');
    // The import opened the Jobs panel; close it to give Compose the room.
    const close = page.getByRole('button', { name: 'Close jobs panel' });
    if (await close.isVisible()) await close.click();
  });

  it('trains a small model from the Train tab to the end, with the n-gram comparison', async () => {
    await page.getByRole('navigation', { name: 'Studio areas' }).getByRole('button', { name: 'Compose' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compose' }).waitFor();
    // No model yet: the Generate tab points to training one.
    await page.getByText('No melody model yet').waitFor();
    await page.getByRole('button', { name: 'Train a model' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Corpus size' }).textContent(), { timeout: 15_000 })
      .toMatch(/12 MIDI files\s*· 1 held out/);
    await page.getByRole('radio', { name: 'Small (1 × 64)' }).click();
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('2');
    await page.getByRole('spinbutton', { name: 'Epochs' }).blur();
    await screenshot(page, 'compose-train-settings');
    await page.getByRole('button', { name: 'Start training' }).click();
    const run = page.getByRole('region', { name: 'Training run' });
    await run.waitFor();
    await expect
      .poll(() => run.textContent(), { timeout: 150_000 })
      .toMatch(/Beats the best n-gram|Does not beat the best n-gram/);
    expect(await run.textContent()).toMatch(/Held-out perplexity \d/);
    // The chart has its epoch points and the model is now the one in use, compared with the n-grams.
    expect(await run.locator('circle').count()).toBeGreaterThan(0);
    const inUse = page.getByRole('region', { name: 'Model in use' });
    await inUse
      .getByRole('list', { name: 'Perplexity, lower is better' })
      .getByRole('listitem')
      .nth(2)
      .waitFor({ timeout: 15_000 });
    await page.getByRole('list', { name: 'Melody model versions' }).getByRole('listitem').first().waitFor();
    await screenshot(page, 'compose-train');
  });

  it('continues a drawn melody: 2 bars × 2 variations, audition, accept, export', async () => {
    // Draw a melody: quarter notes on a 1/4 grid with the pencil.
    await page.getByLabel('Snap').selectOption('1/4');
    await page.getByLabel('Key', { exact: true }).selectOption('0:major');
    await page.getByRole('button', { name: 'Pencil tool' }).click();
    const canvas = page.getByRole('img', { name: /^Piano roll:/ });
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no piano roll');
    const gridTop = box.y + 32;
    const gridHeight = box.height - 32 - 8 - Math.min(96, (box.height - 40) / 3);
    const middle = gridTop + gridHeight / 2;
    // A tune in C major; the view opens centred on F♯4 (66), 15 px a row, 56 px a beat.
    const steps = [60, 64, 67, 65, 64, 62, 64, 67, 72, 71, 67, 60].map((pitch) => pitch - 66);
    for (const [beat, step] of steps.entries()) {
      await page.mouse.click(box.x + 68 + 56 * beat + 20, middle - step * 15 + 2);
    }
    await expect.poll(() => noteCount(page)).toBe(steps.length);
    const drawn = await noteCount(page);

    await page.getByRole('tab', { name: 'Generate' }).click();
    await page.getByLabel('Bars to generate').fill('2');
    await page.getByRole('radio', { name: '2 variations' }).click();
    await page.getByLabel('Temperature').fill('0.8');
    await page.getByText('Continues the clip for 2 bars from 4:1:000 in C major').waitFor();
    await screenshot(page, 'compose-generate-settings');
    await page.getByRole('button', { name: 'Generate 2 variations' }).click();
    const first = page.getByRole('article', { name: 'Variation 1' });
    await first.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('article', { name: /^Variation \d$/ }).count()).toBe(2);
    expect(await first.textContent()).toMatch(/Longest copied stretch: \d+ of 32 steps/);
    const added = Number(/(\d+) notes?/.exec((await first.textContent()) ?? '')?.[1]);
    expect(added).toBeGreaterThan(0);
    // Hovering a card shows its notes as ghosts in the piano roll.
    await first.hover();
    await screenshot(page, 'compose-variations');

    // Audition: the card's button turns into Stop while it plays; Stop ends it.
    await page.getByRole('button', { name: 'Audition Variation 1' }).click();
    const stop = page.getByRole('button', { name: 'Stop Variation 1' });
    await stop.waitFor({ timeout: 10_000 });
    await stop.click();
    await page.getByRole('button', { name: 'Audition Variation 1' }).waitFor();

    await page.getByRole('button', { name: 'Accept Variation 1' }).click();
    await expect.poll(() => noteCount(page)).toBe(drawn + added);
    await first.getByText('In the clip').waitFor();
    await page.mouse.move(box.x + 300, box.y + 100);
    await screenshot(page, 'compose-accepted');

    // One undo takes the whole variation out; redo puts it back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => noteCount(page)).toBe(drawn);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => noteCount(page)).toBe(drawn + added);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export MIDI' }).click(),
    ]);
    const parsed = readMidi(new Uint8Array(fs.readFileSync(await download.path())));
    const notes = parsed.tracks.flatMap((t) => t.notes).sort((a, b) => a.tick - b.tick);
    expect(notes).toHaveLength(drawn + added);
    // The drawn quarter notes come first, then the continuation from bar 4.
    expect(notes.slice(0, drawn).map((n) => n.tick)).toEqual(steps.map((_, beat) => beat * 480));
    expect(notes.slice(drawn).every((n) => n.tick >= 3 * 1920 && n.tick < 5 * 1920)).toBe(true);
    expect(parsed.keySignatures[0]).toMatchObject({ fifths: 0, mode: 'major' });
  });

  it('saves the clip to the catalogue with a confirmation', async () => {
    await page.getByLabel('Clip name').fill('Pencil and model');
    await page.getByLabel('Clip name').press('Enter');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to the catalogue' }).first().waitFor({ timeout: 15_000 });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
