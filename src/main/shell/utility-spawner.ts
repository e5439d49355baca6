import { utilityProcess } from 'electron';
import type { WorkerSpawner } from '../engine/jobs/channel';

/** Spawns the job worker as an Electron utilityProcess (a crash there never takes the window down). */
export function utilitySpawner(entry: string): WorkerSpawner {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Motif ML worker', stdio: 'inherit' });
    let alive = true;
    child.on('exit', () => {
      alive = false;
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (alive) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        // utilityProcess reports only an exit code; a code from a signal is described by it.
        child.on('exit', (code) => listener({ code, signal: null }));
      },
      kill() {
        child.kill();
      },
    };
  };
}
