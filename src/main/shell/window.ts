import { BrowserWindow } from 'electron';

export interface WindowOptions {
  preload: string;
  /** The studio's address: motif-app://studio/index.html, or the dev server in development. */
  url: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Motif',
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
