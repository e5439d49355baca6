import path from 'node:path';
import { app, BrowserWindow } from 'electron';

export interface WindowOptions {
  preload: string;
  /** The studio's address: motif-app://studio/index.html, or the dev server in development. */
  url: string;
  bounds?: { x: number; y: number; width: number; height: number };
  maximized?: boolean;
}

/** The taskbar icon on Linux (Windows and macOS take it from the installer's bundle). */
function iconPath(): string {
  return path.join(app.getAppPath(), 'resources', 'icons', '512x512.png');
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? 1440,
    height: options.bounds?.height ?? 900,
    ...(options.bounds && (options.bounds.x !== 0 || options.bounds.y !== 0) ? { x: options.bounds.x, y: options.bounds.y } : {}),
    minWidth: 960,
    minHeight: 600,
    title: 'Motif',
    icon: process.platform === 'linux' ? iconPath() : undefined,
    backgroundColor: '#16171b',
    show: false,
    webPreferences: {
      // Reviewed (SECURITY.md): a sandboxed CommonJS preload exposing two functions through contextBridge.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}
