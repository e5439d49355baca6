import fs from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1440, height: 900 }, maximized: false };

/** The last window position and size, if it is still on a connected display. */
export function loadWindowState(file: string): WindowState {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = saved.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n))) return DEFAULT;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y;
    });
    return visible ? { bounds: b, maximized: saved.maximized === true } : { ...DEFAULT, maximized: saved.maximized === true };
  } catch {
    return DEFAULT;
  }
}

/** Remember the window's normal bounds and maximised state as it changes (debounced). */
export function trackWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (window.isDestroyed()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state));
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later);
  window.on('close', save);
}
