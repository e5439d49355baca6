/**
 * Audio in the browser studio: import a folder holding a WAV this test writes (and, when present,
 * the reference clips in ../shared/data/audio), see the waveform drawn from the peaks stored at
 * import, play it, and seek: the media element asks the engine for byte ranges (206 responses).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencePath } from '../helpers/reference';
import { wavBytes } from '../helpers/media-fixtures';
import { CHROMIUM, launchChromium, screenshot, serveStudio, type ServedStudio } from './helpers/studio';

const haveChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!haveChromium)('Library audio: waveform and seeking', () => {
  let studio: ServedStudio;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const ranges: Array<{ status: number; range: string | undefined }> = [];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-e2e-audio-'));
  const reference = referencePath('audio');

  beforeAll(async () => {
    // Eight seconds of a tone; long enough to seek into the middle.
    fs.writeFileSync(path.join(folder, 'Studio tone.wav'), wavBytes({ seconds: 8, frequency: 330, amplitude: 0.6 }));
    studio = await serveStudio();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.url().includes('/media/')) ranges.push({ status: response.status(), range: response.request().headers().range });
    });
    await page.goto(studio.url);
    await page.getByRole('navigation', { name: 'Studio areas' }).getByRole('button', { name: 'Library' }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('imports a folder with a WAV (and the reference clips) and shows its waveform', async () => {
    await page.getByText('Your library is empty').waitFor();
    if (!reference) console.log('library-audio e2e: ../shared/data/audio not found (MOTIF_REFERENCE_DIR); importing only the generated WAV');
    const count = page.getByRole('status', { name: 'Item count' });
    const items = async (): Promise<number> => Number((await count.textContent())?.match(/\d+/)?.[0] ?? 0);
    // The empty library's own form, then (once the grid is there) the Add folder popover.
    await page.getByLabel('Folder path').first().fill(folder);
    await page.getByRole('button', { name: 'Import folder' }).first().click();
    await expect.poll(items, { timeout: 60_000 }).toBe(1);
    let expected = 1;
    if (reference) {
      expected += fs.readdirSync(reference, { recursive: true }).filter((f) => /\.(wav|mp3|flac|ogg|m4a)$/i.test(String(f))).length;
      await page.getByRole('button', { name: 'Add folder' }).first().click();
      await page.getByLabel('Folder path').first().fill(reference);
      await page.getByRole('button', { name: 'Import folder' }).first().click();
    }
    await expect.poll(items, { timeout: 90_000 }).toBe(expected);

    await page.getByLabel('Search the library').fill('studio tone');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('1 item matching “studio tone”');
    await page.getByText('Studio tone', { exact: true }).first().click();
    const details = page.getByRole('complementary', { name: 'Details of Studio tone' });
    await details.waitFor();
    // wavesurfer draws the stored peaks into canvases in its shadow root: no decoding in the page.
    await expect
      .poll(
        () =>
          page.evaluate(`(() => { const host = document.querySelector('.wave > div'); const root = host && host.shadowRoot;
            return !!root && [...root.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0); })()`),
        { timeout: 20_000 },
      )
      .toBe(true);
    await expect.poll(() => details.getByText('/ 0:08.0').count()).toBe(1);
    await screenshot(page, 'library-audio-waveform');
  });

  it('plays and seeks, streaming byte ranges', async () => {
    const details = page.getByRole('complementary', { name: 'Details of Studio tone' });
    await details.getByRole('button', { name: 'Play Studio tone' }).click();
    await expect.poll(() => details.getByRole('button', { name: 'Pause Studio tone' }).count(), { timeout: 10_000 }).toBe(1);
    // Click three quarters of the way along the waveform: playback jumps to about 6 s.
    const wave = details.locator('.wave');
    const box = (await wave.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    const seconds = async (): Promise<number> => {
      const text = (await details.locator('.now').textContent()) ?? '';
      const [m, s] = text.split(':');
      return Number(m) * 60 + Number(s);
    };
    await expect.poll(seconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(5.8);
    expect(await seconds()).toBeLessThan(8.01);
    await screenshot(page, 'library-audio-seeked');
    await details.getByRole('button', { name: /Pause Studio tone|Play Studio tone/ }).click();
    // The media element asked for ranges and the engine answered with partial content.
    expect(ranges.some((r) => r.status === 206 && r.range !== undefined)).toBe(true);
    expect(ranges.filter((r) => r.status >= 400)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('drags a file out as a download of the served file, and explains dropped files in the browser', async () => {
    // Page code as strings: the e2e specs typecheck under Node's library (no DOM types).
    const downloadUrl = await page.evaluate(`(() => {
      const card = [...document.querySelectorAll('.media-card')].find((c) => c.textContent.includes('Studio tone'));
      if (!card) return 'no card';
      const transfer = new DataTransfer();
      card.dispatchEvent(new DragEvent('dragstart', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      return transfer.getData('DownloadURL');
    })()`);
    expect(downloadUrl).toMatch(/^audio\/wav:Studio tone\.wav:http:\/\/127\.0\.0\.1:\d+\/media\/\d+$/);

    await page.evaluate(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['RIFF'], 'dropped.wav', { type: 'audio/wav' }));
      document.querySelector('section.library').dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })()`);
    await page.getByText('Drop files or folders to add them to the library').waitFor();
    await screenshot(page, 'library-drop');
    await page.evaluate(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['RIFF'], 'dropped.wav', { type: 'audio/wav' }));
      document.querySelector('section.library').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })()`);
    await page.getByText(/The browser studio cannot see where dropped files live on disk/).waitFor();
    expect(await page.getByText('Drop files or folders to add them to the library').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
