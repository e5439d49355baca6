import { MotifError } from '../../../shared/errors';
import type { BackendInfo } from '../../../shared/runtime';
import type { WorkerChannel, WorkerExit, WorkerSpawner } from './channel';
import { parseWorkerMessage, type HostToWorker, type WorkerRequestMethod, type WorkerToHost } from './protocol';

interface PendingRequest {
  resolve(value: unknown): void;
  reject(error: MotifError): void;
  timer: NodeJS.Timeout;
}

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
  private readonly pending = new Map<number, PendingRequest>();
  private nextRequestId = 1;
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
      if (message.type === 'response') {
        const request = this.pending.get(message.requestId);
        if (!request) return;
        this.pending.delete(message.requestId);
        clearTimeout(request.timer);
        if (message.ok) request.resolve(message.value);
        else request.reject(new MotifError(message.error.kind, message.error.message));
        return;
      }
      this.on.message(message);
    });
    channel.onExit((exit) => {
      if (this.channel !== channel) return;
      this.channel = null;
      this.rejectPending(exit);
      this.on.exit(exit, this.stopping);
    });
  }

  send(message: HostToWorker): void {
    this.ensure();
    this.channel?.send(message);
  }

  /**
   * Ask the worker a quick question (it answers between job steps). A worker that dies or does
   * not answer in `timeoutMs` gives a typed `unavailable` error; the app carries on.
   */
  request(method: WorkerRequestMethod, params: unknown, dataDir: string, timeoutMs = 120_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const requestId = this.nextRequestId++;
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new MotifError('unavailable', `The ML worker did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(requestId, { resolve, reject, timer });
      this.send({ type: 'request', requestId, method, params, dataDir });
    });
  }

  private rejectPending(exit: WorkerExit): void {
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(
        new MotifError('unavailable', `The ML worker process stopped (${how}) before answering; Motif restarts it on the next request.`),
      );
      this.pending.delete(id);
    }
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
