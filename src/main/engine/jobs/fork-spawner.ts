import { fork } from 'node:child_process';
import type { WorkerSpawner } from './channel';

export interface ForkOptions {
  /** The worker entry script (built `out/main/worker.js`, or a .ts file with a loader). */
  entry: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Spawns the worker with child_process.fork (plain Node: CLI, browser bridge, tests). */
export function forkSpawner(options: ForkOptions): WorkerSpawner {
  return () => {
    const child = fork(options.entry, [], {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      serialization: 'advanced',
      // The worker's stdout goes to our stderr: stdout belongs to the CLI's --json output.
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    return {
      pid: child.pid,
      send(message) {
        if (child.connected) child.send(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        child.on('exit', (code, signal) => listener({ code, signal }));
      },
      kill() {
        child.kill('SIGKILL');
      },
    };
  };
}
