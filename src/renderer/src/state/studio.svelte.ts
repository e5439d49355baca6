/**
 * The studio's composition root: one typed client over the chosen transport, and every store
 * built from it. `connect()` subscribes to engine events and loads initial state; the function it
 * returns undoes all of it (App calls it from an $effect cleanup).
 */
import type { MotifClient } from '../../../shared/api';
import { createClient } from '../../../shared/client';
import type { Transport } from '../lib/transport';
import { CatalogueStore } from './catalogue.svelte';
import { ConnectionStore } from './connection.svelte';
import { JobsStore } from './jobs.svelte';
import { ModelsStore } from './models.svelte';
import { Router, type Area } from './router.svelte';
import { SystemStore } from './system.svelte';
import { ToastStore } from './toasts.svelte';

export class Studio {
  readonly transport: Transport;
  readonly client: MotifClient;
  readonly toasts = new ToastStore();
  readonly router: Router;
  readonly connection = new ConnectionStore();
  readonly jobs: JobsStore;
  readonly system: SystemStore;
  readonly models: ModelsStore;
  readonly catalogue: CatalogueStore;

  jobsPanelOpen = $state(false);

  constructor(transport: Transport, options: { area?: Area } = {}) {
    this.transport = transport;
    this.client = createClient(transport.bridge);
    this.router = new Router(options.area ?? 'compose');
    const report = this.toasts.report;
    this.jobs = new JobsStore(this.client, report, { onJobStarted: () => this.openJobs() });
    this.system = new SystemStore(this.client, report);
    this.models = new ModelsStore(this.client, report);
    this.catalogue = new CatalogueStore(this.client, report);
  }

  openJobs(): void {
    this.jobsPanelOpen = true;
  }

  toggleJobs(): void {
    this.jobsPanelOpen = !this.jobsPanelOpen;
  }

  /** Reloads everything; used at start and after the event stream comes back. */
  refresh(): Promise<void> {
    return Promise.all([this.system.load(), this.jobs.load(), this.models.load(), this.catalogue.load()]).then(
      () => undefined,
    );
  }

  connect(): () => void {
    const stops = [
      this.jobs.subscribe(),
      this.system.subscribe(),
      this.models.subscribe(),
      this.catalogue.subscribe(),
      this.transport.watchConnection((state) => {
        const recovered = state === 'connected' && this.connection.state === 'reconnecting';
        this.connection.state = state;
        // Events sent while we were away are lost: reload what they would have changed.
        if (recovered) {
          this.toasts.dismissKind('unavailable');
          void this.refresh();
        }
      }),
    ];
    void this.refresh();
    return () => {
      for (const stop of stops) stop();
    };
  }
}
