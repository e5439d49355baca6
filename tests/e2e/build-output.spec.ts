import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/studio';

const out = (...parts: string[]) => path.join(ROOT, 'out', ...parts);

describe('electron-vite build output', () => {
  it('has the main, worker and CLI bundles, none of which the engine ties to electron', () => {
    for (const entry of ['index.js', 'worker.js', 'cli.js']) expect(fs.existsSync(out('main', entry)), entry).toBe(true);
    expect(fs.readFileSync(out('main', 'index.js'), 'utf8')).toMatch(/from "electron"/);
    for (const entry of ['worker.js', 'cli.js']) expect(fs.readFileSync(out('main', entry), 'utf8')).not.toMatch(/from "electron"/);
  });

  it('has a sandbox-ready preload: one CommonJS file that requires only electron', () => {
    const preload = fs.readFileSync(out('preload', 'index.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('has the renderer with its Content Security Policy and no remote resources', () => {
    const html = fs.readFileSync(out('renderer', 'index.html'), 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).toMatch(/script-src 'self'/);
    // No remote scripts, styles or fonts: the studio works offline. (SVG namespaces are not fetched.)
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    const assets = fs.readdirSync(out('renderer', 'assets'));
    expect(assets.some((f) => f.endsWith('.js'))).toBe(true);
    expect(assets.some((f) => f.endsWith('.css'))).toBe(true);
  });
});
