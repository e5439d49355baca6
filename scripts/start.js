// `npm start`: open the desktop app; where Electron cannot run, serve the same studio in the
// browser with `motif serve` and print its address.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronUnavailableReason } from './electron-available.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reason = electronUnavailableReason();
const args = process.argv.slice(2);

const child = reason
  ? (console.log(`Motif: cannot open the desktop app because ${reason}; serving the studio in your browser instead.`),
    spawn(process.execPath, [path.join(root, 'bin/motif.js'), 'serve', ...args], { stdio: 'inherit' }))
  : spawn(electronBinary(), [root, ...args], { stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
