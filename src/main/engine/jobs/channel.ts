import type { HostToWorker } from './protocol';

export interface WorkerExit {
  code: number | null;
  signal: string | null;
}

/** One running worker process, whatever started it (child_process.fork or utilityProcess). */
export interface WorkerChannel {
  readonly pid: number | undefined;
  send(message: HostToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  kill(): void;
}

/** Starts a fresh worker process. The shell passes an Electron one; Node uses fork. */
export type WorkerSpawner = () => WorkerChannel;
