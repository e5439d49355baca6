/**
 * The Electron main process: a thin shell (window, menu, protocol, IPC, utilityProcess worker)
 * around the Electron-free engine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, protocol } from 'electron';
import { Engine } from './engine/engine';
import { isDraggable } from './engine/drag-out';
import { runSmokeTest } from './engine/smoke-test';
import { registerIpc } from './shell/ipc';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES, handleAppProtocol } from './shell/app-protocol';
import { handleMediaProtocol, MEDIA_SCHEME_PRIVILEGES } from './shell/media-protocol';
import { installMenu } from './shell/menu';
import { midiFilesIn } from './shell/open-files';
import { RecentFiles } from './shell/recent-files';
import { hardenApp } from './shell/security';
import { utilitySpawner } from './shell/utility-spawner';
import { createMainWindow } from './shell/window';
import { loadWindowState, trackWindowState } from './shell/window-state';

const outMain = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(outMain, '../renderer');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const studioUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;

/** Only the studio itself (our privileged scheme, or the dev server in development) is trusted. */
const isAppUrl = (url: string): boolean => {
  try {
    const origin = new URL(url).origin;
    return origin === APP_ORIGIN || (devServerUrl !== undefined && origin === new URL(devServerUrl).origin);
  } catch {
    return false;
  }
};

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, MEDIA_SCHEME_PRIVILEGES]);
hardenApp(isAppUrl);

if (process.argv.includes('--self-test')) {
  // Release smoke test: one tensor op and one catalogue query inside the packaged app, then exit.
  void app.whenReady().then(async () => {
    const result = await runSmokeTest();
    process.stdout.write(JSON.stringify(result) + '\n');
    app.exit(result.ok ? 0 : 1);
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let engine: Engine | null = null;
  let refreshMenu = (): void => undefined;
  // MIDI files to open: from the command line, the OS (macOS open-file) or a second launch.
  const pendingFiles: string[] = midiFilesIn(process.argv, process.cwd());
  const openMidi = (file: string): void => {
    app.addRecentDocument(file);
    recent?.add(file);
    refreshMenu();
    if (engine) engine.events.emit('app.command', { command: 'open-midi', path: file });
    else pendingFiles.push(file);
  };
  let recent: RecentFiles | null = null;
  const mainWindow = (): BrowserWindow | null => BrowserWindow.getAllWindows()[0] ?? null;

  app.on('open-file', (event, file) => {
    event.preventDefault();
    openMidi(file);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    const window = mainWindow();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    for (const file of midiFilesIn(argv, cwd)) openMidi(file);
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
          shell: {
            async chooseSavePath({ title, defaultName, filters }) {
              const window = mainWindow();
              const options = { title, defaultPath: path.join(app.getPath('documents'), defaultName), filters };
              const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
              return result.canceled || !result.filePath ? null : result.filePath;
            },
          },
        });
      } catch (error) {
        dialog.showErrorBox('Motif cannot start', (error as Error).message);
        app.exit(1);
        return;
      }
      const dragEngine = engine;
      registerIpc(engine.dispatch, engine.events, isAppUrl, {
        isDraggable: (file): file is string => isDraggable(dragEngine, file),
        iconPath: path.join(app.getAppPath(), 'resources', 'icons', '128x128.png'),
      });
      handleAppProtocol(rendererDir);
      handleMediaProtocol(engine.catalogue.media, engine.paths.dataDir);
      const running = engine;
      const recentFiles = new RecentFiles(path.join(app.getPath('userData'), 'recent-midi.json'));
      recent = recentFiles;
      refreshMenu = () =>
        installMenu(mainWindow, {
          command: (command) => {
            if (command.command === 'open-midi') recentFiles.add(command.path);
            running.events.emit('app.command', command);
          },
          importFolders: (paths) => void running.dispatch('library.import', { paths }),
          recentMidi: () => recentFiles.list(),
          clearRecent: () => {
            recentFiles.clear();
            app.clearRecentDocuments();
            refreshMenu();
          },
        });
      refreshMenu();
      const preload = path.join(outMain, '../preload/index.cjs');
      const stateFile = path.join(app.getPath('userData'), 'window-state.json');
      const open = (): void => {
        const state = loadWindowState(stateFile);
        const window = createMainWindow({ preload, url: studioUrl, bounds: state.bounds, maximized: state.maximized });
        trackWindowState(window, stateFile);
        // Files named before the studio loaded open once it has.
        window.webContents.once('did-finish-load', () => {
          for (const file of pendingFiles.splice(0)) openMidi(file);
        });
      };
      open();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) open();
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
