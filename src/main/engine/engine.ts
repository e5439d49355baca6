/**
 * The engine's composition root: every service is constructed here, with its dependencies passed
 * in. It never imports electron; the Electron shell, the CLI, the browser bridge and the tests all
 * construct it the same way and differ only in the worker spawner and host name they pass.
 */
import path from 'node:path';
import type { MotifBridge, SystemInfo } from '../../shared/api';
import { version as appVersion } from '../../../package.json';
import { createHandlers } from './api/handlers';
import { createDispatch, directBridge, type Dispatch } from './api/router';
import { Catalogue } from './catalogue/catalogue';
import { EventBus } from './events';
import type { WorkerSpawner } from './jobs/channel';
import { JobRegistry } from './jobs/registry';
import { dataPaths, platformDataDir, type DataPaths } from './paths';
import { SettingsStore } from './settings-store';
import type { ShellServices } from './shell-services';

export interface EngineOptions {
  dataDir: string;
  spawnWorker: WorkerSpawner;
  host: SystemInfo['host'];
  electronVersion?: string | null;
  /** Start the worker at once, so the ML backend is known before the first job. */
  warmWorker?: boolean;
  /** How long a job may ignore a cancel before its worker is killed (default 10 s). */
  cancelGraceMs?: number;
  /** Native dialogs, when a desktop shell hosts the engine. */
  shell?: ShellServices;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Engine {
  readonly paths: DataPaths;
  readonly catalogue: Catalogue;
  readonly events = new EventBus();
  readonly jobs: JobRegistry;
  /** Validates and routes every API request; all transports call this. */
  readonly dispatch: Dispatch;
  readonly shell: ShellServices | null;
  readonly settings: SettingsStore;
  private closed = false;

  constructor(private readonly options: EngineOptions) {
    this.paths = dataPaths(options.dataDir);
    this.shell = options.shell ?? null;
    this.settings = new SettingsStore(options.dataDir);
    this.catalogue = Catalogue.open(this.paths.catalogue);
    // Jobs whose owning process died (crash, kill, power loss) did not finish: say so.
    this.catalogue.jobs.failInterrupted(isProcessAlive);
    this.jobs = new JobRegistry({
      catalogue: this.catalogue,
      events: this.events,
      spawnWorker: options.spawnWorker,
      dataDir: options.dataDir,
      cancelGraceMs: options.cancelGraceMs,
      onBackend: () => this.events.emit('system.updated', this.info()),
    });
    this.dispatch = createDispatch(createHandlers(this), (error) => console.error('[motif] internal error:', error));
    if (options.warmWorker) this.jobs.warmUp();
  }

  /** The in-process transport, for tests and the CLI. */
  bridge(): MotifBridge {
    return directBridge(this.dispatch, this.events);
  }

  info(): SystemInfo {
    return {
      appVersion,
      nodeVersion: process.versions.node,
      electronVersion: this.options.electronVersion ?? null,
      platform: `${process.platform}-${process.arch}`,
      host: this.options.host,
      dataDir: this.paths.dataDir,
      cataloguePath: this.paths.catalogue,
      backend: this.jobs.worker.backend,
      backendError: this.jobs.worker.backendError,
    };
  }

  /** How the data directory was chosen, in words for the settings page. */
  dataDirSource(): string {
    if (path.resolve(this.paths.dataDir) === path.resolve(platformDataDir())) return 'the platform default for Motif';
    return process.env.MOTIF_DATA_DIR && path.resolve(process.env.MOTIF_DATA_DIR) === path.resolve(this.paths.dataDir)
      ? 'the MOTIF_DATA_DIR environment variable'
      : 'the --data-dir option';
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.jobs.close();
    this.catalogue.close();
  }
}
