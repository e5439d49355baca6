// `npm run package:check`: run electron-builder's packaging pipeline (`--dir`, Linux x64) against a
// stub Electron folder, since the real Electron zip cannot be downloaded here, then check the
// layout: main, preload and renderer inside app.asar; native modules and tfjs-wasm binaries
// unpacked; nothing from tests/ or the dev dependencies shipped.
// Native modules are not rebuilt here (that needs Electron's headers: the release workflow does it).
// The stub binary carries a fuse wire like Electron's, so the configured fuses are really flipped
// and read back.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { build, Platform, Arch } = require('electron-builder');
const asar = require('@electron/asar');

const config = YAML.parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const problems = [];
const expect = (ok, message) => {
  if (!ok) problems.push(message);
  console.log(`${ok ? '  ok ' : '  FAIL'} ${message}`);
};

if (!existsSync(path.join(root, 'out/main/index.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}

// A stand-in for Electron's Linux folder: the files electron-builder copies and renames. The
// "binary" holds Electron's fuse sentinel and a v1 wire of 9 fuses at Electron's defaults.
const stub = mkdtempSync(path.join(os.tmpdir(), 'motif-electron-dist-'));
const { SENTINEL } = require('@electron/fuses/dist/constants.js');
writeFileSync(
  path.join(stub, 'electron'),
  Buffer.concat([Buffer.from('#!/bin/sh\necho "stub Electron used by package:check"\nexit 0\n'), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011')]),
);
chmodSync(path.join(stub, 'electron'), 0o755);
writeFileSync(path.join(stub, 'version'), '39.8.10');
writeFileSync(path.join(stub, 'LICENSE'), 'stub');
mkdirSync(path.join(stub, 'resources'));
mkdirSync(path.join(stub, 'locales'));

const output = mkdtempSync(path.join(os.tmpdir(), 'motif-package-'));
const { electronFuses } = config;
const rest = config;
console.log('electron-builder --dir (linux x64) with a stub electronDist…');
await build({
  projectDir: root,
  targets: Platform.LINUX.createTarget('dir', Arch.x64),
  publish: 'never',
  config: {
    ...rest,
    electronVersion: '39.8.10',
    electronDist: stub,
    npmRebuild: false,
    directories: { ...rest.directories, output },
  },
});

const resources = path.join(output, 'linux-unpacked', 'resources');
const archive = path.join(resources, 'app.asar');
const unpacked = path.join(resources, 'app.asar.unpacked');
expect(existsSync(archive), 'resources/app.asar exists');
const files = existsSync(archive) ? asar.listPackage(archive).map((f) => f.replaceAll('\\', '/')) : [];
const has = (p) => files.includes(p);
expect(has('/out/main/index.js') && has('/out/main/worker.js') && has('/out/main/cli.js'), 'main, worker and CLI bundles are in app.asar');
expect(has('/out/preload/index.cjs'), 'the preload is in app.asar');
expect(has('/out/renderer/index.html') && files.some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f)), 'the renderer is in app.asar');
expect(!files.some((f) => f.startsWith('/tests/')), 'nothing from tests/ ships');
expect(!files.some((f) => f.endsWith('.map')), 'no source maps ship');
// What production needs: `npm ls --omit=dev`. Anything else under node_modules is a dev-only leak.
const production = new Set(
  execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`${path.sep}node_modules${path.sep}`))
    .map((line) => line.slice(line.lastIndexOf(`node_modules${path.sep}`) + 'node_modules/'.length).replaceAll('\\', '/')),
);
const shippedModules = new Set(
  files
    .map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/|$)/.exec(f)?.[1])
    .filter((name) => name !== undefined && !/^@[^/]+$/.test(name)),
);
const devOnly = [...shippedModules].filter((name) => !production.has(name));
expect(devOnly.length === 0, `no dev-only dependency ships${devOnly.length ? ` (found: ${devOnly.join(', ')})` : ''}`);
const devDependencies = Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies);
for (const name of ['electron', 'vite', 'svelte', 'vitest', 'playwright-core', 'tone', 'wavesurfer.js', 'typescript']) {
  if (devDependencies.includes(name)) expect(!shippedModules.has(name), `${name} (renderer or tooling only) does not ship`);
}

const walk = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map((f) => String(f).replaceAll('\\', '/')) : []);
const unpackedFiles = walk(unpacked);
expect(unpackedFiles.some((f) => /better-sqlite3\/build\/Release\/better_sqlite3\.node$/.test(f)), 'better-sqlite3 native module is unpacked');
expect(unpackedFiles.some((f) => /@img\/.+\.node$/.test(f)), 'sharp native module is unpacked');
for (const wasm of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
  expect(unpackedFiles.some((f) => f.endsWith(`@tensorflow/tfjs-backend-wasm/dist/${wasm}`)), `${wasm} is unpacked`);
}
expect(existsSync(path.join(output, 'linux-unpacked', 'motif')), 'the executable is named after the product');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const { FuseState } = require('@electron/fuses/dist/constants.js');
const wire = await getCurrentFuseWire(path.join(output, 'linux-unpacked', 'motif'));
const fuse = (option) => wire[FuseV1Options[option]];
expect(electronFuses?.runAsNode === false, 'electron-builder.yml sets the fuses');
expect(fuse('RunAsNode') === FuseState.DISABLE, 'fuse RunAsNode is off in the packaged binary');
expect(fuse('EnableCookieEncryption') === FuseState.ENABLE, 'fuse EnableCookieEncryption is on');
expect(fuse('EnableNodeOptionsEnvironmentVariable') === FuseState.DISABLE, 'fuse NODE_OPTIONS is off');
expect(fuse('EnableNodeCliInspectArguments') === FuseState.DISABLE, 'fuse --inspect arguments are off');
expect(fuse('OnlyLoadAppFromAsar') === FuseState.ENABLE, 'fuse OnlyLoadAppFromAsar is on');

const size = files.length;
console.log(`app.asar: ${size} entries; unpacked: ${unpackedFiles.length} entries`);
rmSync(stub, { recursive: true, force: true });
rmSync(output, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`package:check failed: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('package:check passed');
