import type { BackendInfo } from '../../../shared/runtime';
import type { WorkerChannel, WorkerExit, WorkerSpawner } from './channel';
import { parseWorkerMessage, type HostToWorker, type WorkerToHost } from './protocol';

export interface WorkerHostEvents {
  message(message: WorkerToHost): void;
  /** The worker process ended; `expected` is true when we asked it to. */
  exit(exit: WorkerExit, expected: boolean): void;
  ready(backend: BackendInfo | null, error: string | null): void;
}

/**
 * Owns at most one worker process. It is started on demand and restarted on demand after a
 * crash, so a dead worker costs one job, never the app.
 */
export class WorkerHost {
  private channel: WorkerChannel | null = null;
  private stopping = false;
  backend: BackendInfo | null = null;
  backendError: string | null = null;

  constructor(
    private readonly spawn: WorkerSpawner,
    private readonly on: WorkerHostEvents,
  ) {}

  get running(): boolean {
    return this.channel !== null;
  }

  get pid(): number | undefined {
    return this.channel?.pid;
  }

  ensure(): void {
    if (this.channel) return;
    this.stopping = false;
    const channel = this.spawn();
    this.channel = channel;
    channel.onMessage((raw) => {
      const message = parseWorkerMessage(raw);
      if (!message) return;
      if (message.type === 'ready') {
        this.backend = message.backend;
        this.backendError = message.error;
        this.on.ready(message.backend, message.error);
        return;
      }
      this.on.message(message);
    });
    channel.onExit((exit) => {
      if (this.channel !== channel) return;
      this.channel = null;
      this.on.exit(exit, this.stopping);
    });
  }

  send(message: HostToWorker): void {
    this.ensure();
    this.channel?.send(message);
  }

  /** Kill the process outright (cancel that did not respond, or shutdown). */
  kill(): void {
    if (!this.channel) return;
    this.stopping = true;
    this.channel.kill();
  }

  stop(): void {
    if (!this.channel) return;
    this.stopping = true;
    this.channel.send({ type: 'shutdown' });
    const channel = this.channel;
    setTimeout(() => {
      if (this.channel === channel) channel.kill();
    }, 2000).unref();
  }
}
