/**
 * The Electron main process: a thin shell (window, menu, protocol, IPC, utilityProcess worker)
 * around the Electron-free engine.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { Engine } from './engine/engine';
import { registerIpc } from './shell/ipc';
import { handleMediaProtocol, registerMediaScheme } from './shell/media-protocol';
import { installMenu } from './shell/menu';
import { hardenApp } from './shell/security';
import { utilitySpawner } from './shell/utility-spawner';
import { createMainWindow } from './shell/window';

const outMain = path.dirname(fileURLToPath(import.meta.url));
const rendererFile = path.join(outMain, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

const isAppUrl = (url: string): boolean =>
  url.split('#')[0]?.split('?')[0] === rendererUrl || (devServerUrl !== undefined && url.startsWith(devServerUrl));

registerMediaScheme();
hardenApp(isAppUrl);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let engine: Engine | null = null;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app
    .whenReady()
    .then(() => {
      try {
        engine = new Engine({
          dataDir: app.getPath('userData'),
          host: 'electron',
          electronVersion: process.versions.electron ?? null,
          warmWorker: true,
          spawnWorker: utilitySpawner(path.join(outMain, 'worker.js')),
        });
      } catch (error) {
        dialog.showErrorBox('Motif cannot start', (error as Error).message);
        app.exit(1);
        return;
      }
      registerIpc(engine.dispatch, engine.events, isAppUrl);
      handleMediaProtocol(engine.catalogue.media);
      installMenu();
      const preload = path.join(outMain, '../preload/index.cjs');
      createMainWindow({ preload, rendererFile, devServerUrl });
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ preload, rendererFile, devServerUrl });
      });
    })
    .catch((error: unknown) => {
      console.error('[motif] start-up failed:', error);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => engine?.close());
}
