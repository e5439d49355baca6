import { toApiErrorData } from '../../shared/errors';
import { Engine } from '../engine/engine';
import { forkSpawner } from '../engine/jobs/fork-spawner';
import { resolveDataDir } from '../engine/paths';

/** Where the CLI finds its sibling artefacts (the worker script and the built studio). */
export interface CliLayout {
  workerEntry: string;
  workerExecArgv: string[];
  rendererDir: string;
}

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export interface CliContext {
  layout: CliLayout;
  json: boolean;
  dataDir: string;
  /** Progress and logs: stderr, so stdout stays clean for --json. */
  log(line: string): void;
  /** The command's result: JSON on stdout with --json, else the human text. */
  output(value: unknown, human: () => string): void;
  openEngine(options?: { warmWorker?: boolean; host?: 'cli' | 'browser' }): Engine;
}

export function createCliContext(layout: CliLayout, globals: GlobalOptions): CliContext {
  const json = globals.json ?? false;
  const dataDir = resolveDataDir(globals.dataDir);
  return {
    layout,
    json,
    dataDir,
    log: (line) => process.stderr.write(line + '\n'),
    output(value, human) {
      process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
    },
    openEngine(options = {}) {
      return new Engine({
        dataDir,
        host: options.host ?? 'cli',
        warmWorker: options.warmWorker ?? false,
        spawnWorker: forkSpawner({ entry: layout.workerEntry, execArgv: layout.workerExecArgv }),
      });
    },
  };
}

/** Report a failure the way the user asked for (JSON or a line) and set the exit code. */
export function reportFailure(json: boolean, error: unknown, exitCode = 1): void {
  const data = toApiErrorData(error);
  if (json) process.stdout.write(JSON.stringify({ ok: false, error: data }, null, 2) + '\n');
  else process.stderr.write(`motif: ${data.message}\n`);
  process.exitCode = exitCode;
}
