/** The settings page's state: what the engine has, and saving one change at a time. */
import type { MotifClient } from '../../../shared/api';
import { BACKBONE, type Settings, type SettingsUpdate, type SettingsView } from '../../../shared/settings';
import type { ReportError } from '../state/toasts.svelte';

export class SettingsStore {
  view = $state.raw<SettingsView | null>(null);
  /** Which section is being saved (for a small "Saving…" note). */
  saving = $state<string | null>(null);
  /** The last save's problem, shown beside the form (the value on screen goes back). */
  problem = $state<string | null>(null);

  readonly #client: MotifClient;
  readonly #report: ReportError;

  constructor(client: MotifClient, report: ReportError) {
    this.#client = client;
    this.#report = report;
  }

  get settings(): Settings | null {
    return this.view?.settings ?? null;
  }

  subscribe(): () => void {
    const stops = [
      this.#client.on('settings.changed', (settings) => {
        if (this.view) this.view = { ...this.view, settings };
        void this.load(); // the backbone status may have changed with the path
      }),
      // A finished backbone download changes its status.
      this.#client.on('job.updated', (job) => {
        if (job.kind === 'backbone-download' && (job.state === 'done' || job.state === 'failed')) void this.load();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }

  async load(): Promise<void> {
    try {
      this.view = await this.#client.call('settings.get', {});
    } catch (error) {
      this.#report('Could not read the settings', error);
    }
  }

  /** The backbone download job started from this page, if any. */
  downloadJobId = $state<number | null>(null);

  /** Start downloading the stills backbone from its canonical URL (a job with progress and cancel). */
  async downloadBackbone(): Promise<boolean> {
    try {
      const job = await this.#client.call('stills.downloadBackbone', { backbone: BACKBONE.folderName });
      this.downloadJobId = job.id;
      return true;
    } catch (error) {
      this.#report('Could not start the backbone download', error);
      return false;
    }
  }

  /** Save one change; the engine validates it and the page shows what it kept. */
  async update(section: string, update: SettingsUpdate): Promise<boolean> {
    this.saving = section;
    this.problem = null;
    try {
      const settings = await this.#client.call('settings.update', update);
      if (this.view) this.view = { ...this.view, settings };
      await this.load();
      return true;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      // Put the saved values back on screen.
      await this.load();
      return false;
    } finally {
      this.saving = null;
    }
  }
}
