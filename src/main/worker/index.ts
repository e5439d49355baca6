/**
 * Entry of the job worker process. Under Electron it is a utilityProcess (messages through
 * `process.parentPort`); under plain Node a child_process.fork child (`process.send`).
 * It never imports electron.
 */
import type { HostToWorker, WorkerToHost } from '../engine/jobs/protocol';
import { runWorkerLoop, type WorkerTransport } from '../engine/worker/loop';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function transport(): WorkerTransport {
  if (parentPort) {
    return {
      send: (message: WorkerToHost) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostToWorker)),
      exit: (code) => process.exit(code),
    };
  }
  if (!process.send) {
    console.error('The Motif worker must be started by the Motif engine (no IPC channel).');
    process.exit(2);
  }
  // If the engine process dies, so do we: nobody is left to report to.
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message: WorkerToHost) => {
      if (process.connected) process.send?.(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as HostToWorker)),
    exit: (code) => process.exit(code),
  };
}

runWorkerLoop(transport());
