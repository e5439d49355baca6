import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMidi, writeMidi } from '../../src/main/engine/music/midi';
import { CHROMIUM, launchChromium, screenshot, serveStudio, type ServedStudio } from './helpers/studio';

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium)
  console.log(`Skipped the browser end-to-end tests: no Chromium at ${CHROMIUM} (apt-get install chromium).`);

describe.skipIf(!haveChromium)('browser studio (motif serve + headless Chromium)', () => {
  let studio: ServedStudio;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    studio = await serveStudio();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('opens from the printed address and shows the engine status', async () => {
    await page.goto(studio.url);
    // The token moved from the address into an HttpOnly cookie.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.getByRole('heading', { level: 1, name: 'Compose' }).waitFor();
    const status = page.getByRole('status', { name: 'Engine status' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/ML: (wasm|tensorflow)/);
    expect(await status.textContent()).toContain('Engine connected');
    expect(await page.getByText(`${studio.dataDir}/motif.sqlite`).count()).toBeGreaterThan(0);
    await screenshot(page, 'studio-compose');
  });

  it('visits all four areas; those not landed yet say plainly what is coming, and Compose what to do first', async () => {
    const areas: Array<[string, RegExp]> = [
      ['Compose', /No melody model yet/],
      ['Stills', /No stills dataset yet/],
      ['Library', /Your library is empty/],
      ['Discover', /Nothing to discover yet/],
    ];
    const nav = page.getByRole('navigation', { name: 'Studio areas' });
    for (const [area, coming] of areas) {
      await nav.getByRole('button', { name: area }).click();
      await page.getByRole('heading', { level: 1, name: area }).waitFor();
      expect(await nav.getByRole('button', { name: area }).getAttribute('aria-current')).toBe('page');
      await page.getByText(coming).waitFor();
      await screenshot(page, `studio-${area.toLowerCase()}`);
    }
    // Keyboard shortcuts switch areas too.
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { level: 1, name: 'Compose' }).waitFor();
  });

  it('opens a MIDI file into the piano roll and exports it as a download that parses back', async () => {
    await page.getByRole('navigation', { name: 'Studio areas' }).getByRole('button', { name: 'Compose' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compose' }).waitFor();
    const song = {
      format: 1 as const,
      ppq: 480,
      tracks: [
        {
          name: 'Lead',
          program: 0,
          notes: [60, 62, 64, 65, 67].map((pitch, i) => ({
            pitch,
            velocity: 70 + i * 10,
            tick: i * 480,
            durationTicks: 400,
            channel: 0,
          })),
        },
      ],
      tempos: [{ tick: 0, microsecondsPerQuarter: 500_000 }],
      timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
      keySignatures: [],
      lyrics: [],
      durationTicks: 2400,
    };
    await page
      .getByLabel('MIDI file to open')
      .setInputFiles({ name: 'Scale.mid', mimeType: 'audio/midi', buffer: Buffer.from(writeMidi(song)) });
    await page.getByText('Opened Scale: 5 notes').waitFor();
    await screenshot(page, 'compose-opened-midi');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export MIDI' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Scale.mid');
    const file = await download.path();
    const parsed = readMidi(new Uint8Array(fs.readFileSync(file)));
    expect(parsed.tracks.flatMap((t) => t.notes).map((n) => [n.pitch, n.tick, n.velocity])).toEqual(
      song.tracks[0]!.notes.map((n) => [n.pitch, n.tick, n.velocity]),
    );
  });

  it('runs the self-test from the UI: progress, cancel, run again to the end, model in the list', async () => {
    await page.getByRole('navigation', { name: 'Studio areas' }).getByRole('button', { name: 'Engine' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engine' }).waitFor();
    await page.getByText('No models yet').waitFor();

    // A long run, so there is time to watch it and cancel it.
    await page.getByLabel('Length').selectOption({ label: 'Long (20,000 steps)' });
    await page.getByRole('button', { name: 'Run self-test' }).click();
    const jobs = page.getByRole('complementary', { name: 'Jobs' });
    const firstJob = jobs.getByRole('listitem', { name: /ML self-test #\d+/ }).first();
    const firstName = (await firstJob.getAttribute('aria-label')) ?? '';
    const firstId = Number(/#(\d+)/.exec(firstName)?.[1]);
    const bar = jobs.getByRole('progressbar', { name: `Progress of ${firstName}` });
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0.002);
    await expect.poll(() => firstJob.textContent(), { timeout: 30_000 }).toMatch(/loss/);
    await screenshot(page, 'studio-self-test-running');

    await jobs.getByRole('button', { name: `Cancel job ${firstId}` }).click();
    await expect.poll(() => firstJob.textContent(), { timeout: 30_000 }).toMatch(/Cancelled/i);
    expect(Number(await bar.getAttribute('value'))).toBeLessThan(0.5);
    await screenshot(page, 'studio-self-test-cancelled');
    expect(await page.getByText('No models yet').count()).toBe(1);

    // Again, the quick default, to the end.
    await page.getByLabel('Length').selectOption({ label: 'Quick (400 steps)' });
    await page.getByRole('button', { name: 'Run self-test' }).click();
    const second = jobs.getByRole('listitem', { name: `ML self-test #${firstId + 1}` });
    await expect.poll(() => second.textContent(), { timeout: 120_000 }).toMatch(/\bdone\b/i);

    const models = page.getByRole('article', { name: 'Model versions' });
    const row = models.getByRole('row', { name: new RegExp(`Self-test #${firstId + 1}`) });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toMatch(/self-test/);
    await screenshot(page, 'studio-self-test-done');
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
