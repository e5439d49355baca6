// `npm test`: typecheck, lint, unit and integration tests, build, then end-to-end tests in
// headless Chromium. Every step runs; the last line totals them: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'tests/.results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args) {
  console.log(`\n━━ ${label}: ${command} ${args.join(' ')}`);
  const status = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env }).status;
  return status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

function suite(label, args, reportFile) {
  const ok = run(label, 'npx', [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);
  if (!existsSync(reportFile)) {
    totals.failed += 1;
    lines.push(`${label}: FAILED (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + (ok || report.numFailedTests ? 0 : 1);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

const only = process.argv[2];
if (!only || only === 'static') {
  check('typecheck (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json']);
  check('typecheck (svelte-check)', 'npx', ['svelte-check', '--tsconfig', 'tsconfig.web.json', '--fail-on-warnings']);
  check('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings', '0']);
  check('security scan (electronegativity)', 'node', ['scripts/security-scan.js']);
}
if (!only || only === 'unit') suite('unit and integration (vitest)', ['vitest', 'run'], path.join(results, 'unit.json'));
if (!only || only === 'e2e') {
  if (check('build (electron-vite)', 'npx', ['electron-vite', 'build'])) {
    check('packaging layout (package:check)', 'node', ['scripts/package-check.js']);
    suite('end-to-end (Chromium, Electron)', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], path.join(results, 'e2e.json'));
  }
}

const summary = `${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : '');
writeFileSync(path.join(results, 'summary.txt'), [...lines, summary].join('\n') + '\n');
console.log('\n' + lines.join('\n'));
console.log(summary);
process.exit(totals.failed === 0 ? 0 : 1);
