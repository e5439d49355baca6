import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROOT } from './helpers/engine';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { include: Array<Record<string, string>> } }; steps: Step[] }>;
}

describe('release workflow and installer config', () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8')) as Workflow;
  const builder = YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('is valid YAML with a per-OS matrix that packages on each OS and smoke-tests the app', () => {
    const packageJob = workflow.jobs.package!;
    const matrix = packageJob.strategy!.matrix.include;
    const oses = matrix.map((m) => m.os!);
    expect(oses.some((os) => os.startsWith('ubuntu'))).toBe(true);
    expect(oses.some((os) => os.startsWith('windows'))).toBe(true);
    expect(oses.filter((os) => os.startsWith('macos'))).toHaveLength(2);
    expect(matrix.map((m) => m.builder_args).join(' ')).toMatch(/--linux AppImage deb[\s\S]*--win nsis[\s\S]*--mac dmg zip --x64[\s\S]*--mac dmg zip --arm64/);
    const runs = packageJob.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/npm ci/);
    expect(runs).toMatch(/electron-builder \$\{\{ matrix\.builder_args \}\}/);
    expect(runs).toMatch(/--self-test/);
    const smoke = packageJob.steps.findIndex((s) => /--self-test/.test(s.run ?? ''));
    const upload = packageJob.steps.findIndex((s) => (s.uses ?? '').startsWith('actions/upload-artifact'));
    expect(smoke).toBeGreaterThan(0);
    expect(upload).toBeGreaterThan(smoke);
  });

  it('configures NSIS, dmg+zip (x64, arm64), AppImage+deb, icons, unpacked natives and wasm, and fuses', () => {
    expect(builder).toMatchObject({ appId: 'studio.motif.app', productName: 'Motif' });
    expect(JSON.stringify(builder.win)).toMatch(/nsis/);
    expect(JSON.stringify(builder.mac)).toMatch(/dmg[\s\S]*arm64[\s\S]*zip/);
    expect(JSON.stringify(builder.linux)).toMatch(/AppImage[\s\S]*deb/);
    const unpack = (builder.asarUnpack as string[]).join(' ');
    for (const pattern of ['*.node', 'better-sqlite3', 'sharp', 'tfjs-node', '*.wasm']) expect(unpack).toContain(pattern);
    expect(builder.electronFuses).toMatchObject({ runAsNode: false, enableCookieEncryption: true, onlyLoadAppFromAsar: true });
    for (const icon of ['icon.svg', 'icon.png', 'icons/512x512.png']) expect(fs.existsSync(path.join(ROOT, 'resources', icon)), icon).toBe(true);
  });
});
