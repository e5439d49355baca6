import { Menu, app, dialog, shell, type BrowserWindow } from 'electron';
import type { AppCommand } from '../../shared/api';
import { menuTemplate } from './menu-template';

export interface MenuActions {
  /** Send a command to the studio. */
  command(command: AppCommand): void;
  /** Add folders to the library (after the folder dialog). */
  importFolders(paths: string[]): void;
  recentMidi(): string[];
  clearRecent(): void;
}

/** Installs the application menu (see menu-template.ts) with the native dialogs it opens. */
export function installMenu(getWindow: () => BrowserWindow | null, actions: MenuActions): void {
  const openMidi = async (): Promise<void> => {
    const window = getWindow();
    const options = { title: 'Open MIDI', properties: ['openFile' as const], filters: [{ name: 'MIDI files', extensions: ['mid', 'midi'] }] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const [file] = result.filePaths;
    if (!result.canceled && file) {
      app.addRecentDocument(file);
      actions.command({ command: 'open-midi', path: file });
    }
  };
  const importFolder = async (): Promise<void> => {
    const window = getWindow();
    const options = { title: 'Import folders into the library', properties: ['openDirectory' as const, 'multiSelections' as const] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (!result.canceled && result.filePaths.length > 0) {
      actions.importFolders(result.filePaths);
      actions.command({ command: 'show-area', area: 'library' });
    }
  };
  const template = menuTemplate(
    { isMac: process.platform === 'darwin', isPackaged: app.isPackaged, version: app.getVersion(), recent: actions.recentMidi() },
    {
      command: (command) => actions.command(command),
      openMidi: () => void openMidi(),
      importFolder: () => void importFolder(),
      clearRecent: () => actions.clearRecent(),
      showDataFolder: () => void shell.openPath(app.getPath('userData')),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
