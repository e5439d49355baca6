/**
 * The studio's composition root: one typed client over the chosen transport, and every store
 * built from it. `connect()` subscribes to engine events and loads initial state; the function it
 * returns undoes all of it (App calls it from an $effect cleanup).
 */
import type { AppCommand, MotifClient } from '../../../shared/api';
import type { JobRecord } from '../../../shared/jobs';
import { ComposeFiles } from '../compose/files.svelte';
import { ComposeModel } from '../compose/model/composeModel.svelte';
import { sharedComposeSession, type ComposeSession } from '../compose/session.svelte';
import { createClient } from '../../../shared/client';
import { Discover } from '../discover/discover.svelte';
import { LibraryStore } from '../library/library.svelte';
import { mediaUrlFor } from '../lib/media-url';
import type { Transport } from '../lib/transport';
import { CatalogueStore } from './catalogue.svelte';
import { ConnectionStore } from './connection.svelte';
import { JobsStore } from './jobs.svelte';
import { ModelsStore } from './models.svelte';
import { browserStorage, ProfilesStore } from './profiles.svelte';
import { Router, type Area } from './router.svelte';
import { SystemStore } from './system.svelte';
import { ToastStore } from './toasts.svelte';

/** Jobs the Stills lab shows in place (import, download, training, classification). */
const STILLS_LAB_JOBS: readonly JobRecord['kind'][] = ['stills-import', 'stills-embed', 'stills-train', 'stills-classify', 'backbone-download'];

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
  readonly profiles: ProfilesStore;
  readonly library: LibraryStore;
  readonly discover: Discover;
  readonly compose: ComposeSession;
  readonly composeFiles: ComposeFiles;
  readonly composeModel: ComposeModel;

  jobsPanelOpen = $state(false);

  constructor(transport: Transport, options: { area?: Area } = {}) {
    this.transport = transport;
    this.client = createClient(transport.bridge);
    this.router = new Router(options.area ?? 'compose');
    const report = this.toasts.report;
    this.jobs = new JobsStore(this.client, report, { onJobStarted: (job) => this.#jobStarted(job) });
    this.system = new SystemStore(this.client, report);
    this.models = new ModelsStore(this.client, report);
    this.catalogue = new CatalogueStore(this.client, report);
    this.profiles = new ProfilesStore(this.client, report, browserStorage());
    this.library = new LibraryStore(this.client, report, this.profiles, { storage: browserStorage() });
    this.discover = new Discover({
      client: this.client,
      report,
      profiles: this.profiles,
      jobs: this.jobs,
      models: this.models,
      catalogue: this.catalogue,
    });
    this.compose = sharedComposeSession();
    this.composeFiles = new ComposeFiles(this.client, report, this.compose, undefined, this.toasts.notify);
    this.composeModel = new ComposeModel({
      client: this.client,
      report,
      session: this.compose,
      jobs: this.jobs,
      models: this.models,
      storage: browserStorage(),
      openLibrary: () => this.router.go('library'),
    });
  }

  /** Commands from the desktop shell's menu, accelerators and file association. */
  onCommand(command: AppCommand): void {
    switch (command.command) {
      case 'show-area':
        this.router.go(command.area);
        return;
      case 'new-clip':
        this.router.go('compose');
        this.composeFiles.newClip();
        return;
      case 'open-midi':
        this.router.go('compose');
        void this.composeFiles.openPath(command.path);
        return;
      case 'export-midi':
        void this.composeFiles.export();
        return;
      case 'save-composition':
        this.router.go('compose');
        void this.composeFiles.save();
        return;
      case 'edit':
        if (this.router.area === 'compose') this.#edit(command.action);
        return;
    }
  }

  #edit(action: Extract<AppCommand, { command: 'edit' }>['action']): void {
    const editor = this.compose.editor;
    const actions: Record<typeof action, () => void> = {
      undo: () => editor.undo(),
      redo: () => editor.redo(),
      cut: () => editor.cut(),
      copy: () => editor.copy(),
      paste: () => editor.paste(this.compose.transport.position),
      'select-all': () => editor.selectAll(),
      delete: () => editor.deleteSelected(),
    };
    actions[action]();
  }

  /** Where playback and thumbnails stream a catalogue file from, for this transport. */
  readonly mediaUrl = (id: number): string => mediaUrlFor(this.transport.kind, id);

  /**
   * A started job opens the Jobs panel, except a melody job while Compose shows its progress itself,
   * recommender training while Discover does, and the stills lab's jobs while the lab does.
   */
  #jobStarted(job: JobRecord): void {
    if (this.router.area === 'compose' && (job.kind === 'melody-train' || job.kind === 'melody-eval')) return;
    if (this.router.area === 'discover' && job.kind === 'recs-train') return;
    if (this.router.area === 'stills' && STILLS_LAB_JOBS.includes(job.kind)) return;
    this.openJobs();
  }

  openJobs(): void {
    this.jobsPanelOpen = true;
  }

  toggleJobs(): void {
    this.jobsPanelOpen = !this.jobsPanelOpen;
  }

  /** Reloads everything; used at start and after the event stream comes back. */
  refresh(): Promise<void> {
    // Profiles load when their switcher mounts; after an outage only what was loaded reloads.
    const profiles = this.profiles.loaded ? [this.profiles.load()] : [];
    if (this.library.loaded) {
      this.library.refresh();
      void this.library.loadRatings();
      void this.library.loadFolders();
    }
    if (this.discover.suggestions.loaded) void this.discover.suggestions.load();
    return Promise.all([
      this.system.load(),
      this.jobs.load(),
      this.models.load(),
      this.catalogue.load(),
      ...profiles,
    ]).then(() => undefined);
  }

  connect(): () => void {
    const stops = [
      this.jobs.subscribe(),
      this.system.subscribe(),
      this.models.subscribe(),
      this.catalogue.subscribe(),
      this.profiles.subscribe(),
      this.library.watchImports(),
      this.composeModel.subscribe(),
      this.client.on('app.command', (command) => this.onCommand(command)),
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
