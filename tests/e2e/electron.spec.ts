import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary, electronUnavailableReason } from '../../scripts/electron-available.js';
import { ROOT, screenshot } from './helpers/studio';

const reason = electronUnavailableReason();
if (reason) console.log(`Skipped the Electron end-to-end test: ${reason}.`);

describe.skipIf(reason !== null)('desktop app (Electron)', () => {
  it('opens the studio window with the preload bridge and the ML backend', async () => {
    const app = await electron.launch({
      executablePath: electronBinary() ?? undefined,
      args: [ROOT],
      env: { ...process.env, MOTIF_DATA_DIR: path.join(ROOT, 'tests/e2e/artifacts/electron-data') },
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('heading', { name: 'Compose' }).waitFor();
      expect(await window.evaluate(() => typeof (window as unknown as { motif?: unknown }).motif)).toBe('object');
      // The sandboxed renderer has no Node.
      expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
      await screenshot(window, 'electron-compose');
    } finally {
      await app.close();
    }
  });
});
