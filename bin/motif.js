#!/usr/bin/env node
// The `motif` command: runs the built CLI (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('motif: the CLI is not built yet. Run `npm run build` in the Motif folder.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
