/** Running `motif` from source in a child process, for the `motif melody …` tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeMidi } from '../../src/main/engine/music/midi';
import { CLI_TS, ROOT } from '../helpers/engine';
import { song, track, tune } from '../music/model/helpers';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start `motif ARGS…`; `done` resolves when it exits (killed after `timeoutMs`). */
export function startMotif(args: string[], timeoutMs = 120_000): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_TS, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

export function motif(args: string[], timeoutMs?: number): Promise<CliRun> {
  return startMotif(args, timeoutMs).done;
}

/** Parse the JSON a `--json` run printed on stdout, failing with its stderr when there is none. */
export function json<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`no JSON on stdout (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** `count` short major-key tunes (8 bars of eighth notes, several pitches) as tune-NN.mid in `dir`. */
export function writeTunes(dir: string, count = 12): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, k) => {
    const file = path.join(dir, `tune-${String(k).padStart(2, '0')}.mid`);
    fs.writeFileSync(file, writeMidi(song([track(tune(60 + (k % 5) * 2, 8, k + 1))])));
    return file;
  });
}
