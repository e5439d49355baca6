import { Menu, app, dialog, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/api';

export interface MenuActions {
  /** Send a command to the studio. */
  command(command: AppCommand): void;
  /** Add folders to the library (after the folder dialog). */
  importFolders(paths: string[]): void;
  recentMidi(): string[];
  clearRecent(): void;
}

/**
 * The application menu with each platform's conventions: the app menu on macOS, File / Edit / View
 * / Window / Help everywhere, with the usual accelerators. Edit commands go to the studio so they
 * act in the piano roll (not only in text fields).
 */
export function installMenu(getWindow: () => BrowserWindow | null, actions: MenuActions): void {
  const isMac = process.platform === 'darwin';
  const edit = (action: Extract<AppCommand, { command: 'edit' }>['action'], label: string, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.command({ command: 'edit', action }),
  });
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
  const recent = actions.recentMidi();
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Clip', accelerator: 'CmdOrCtrl+N', click: () => actions.command({ command: 'new-clip' }) },
        { label: 'Open MIDI…', accelerator: 'CmdOrCtrl+O', click: () => void openMidi() },
        {
          label: 'Open Recent',
          submenu: [
            ...recent.map((file) => ({ label: file, click: () => actions.command({ command: 'open-midi', path: file }) })),
            ...(recent.length > 0 ? [{ type: 'separator' as const }] : []),
            { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() },
          ],
        },
        { type: 'separator' },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: () => void importFolder() },
        { label: 'Export MIDI…', accelerator: 'CmdOrCtrl+E', click: () => actions.command({ command: 'export-midi' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        edit('undo', 'Undo', 'CmdOrCtrl+Z'),
        edit('redo', 'Redo', isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        edit('cut', 'Cut', 'CmdOrCtrl+X'),
        edit('copy', 'Copy', 'CmdOrCtrl+C'),
        edit('paste', 'Paste', 'CmdOrCtrl+V'),
        edit('delete', 'Delete', 'Delete'),
        edit('select-all', 'Select All', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Compose', accelerator: 'CmdOrCtrl+1', click: () => actions.command({ command: 'show-area', area: 'compose' }) },
        { label: 'Stills', accelerator: 'CmdOrCtrl+2', click: () => actions.command({ command: 'show-area', area: 'stills' }) },
        { label: 'Library', accelerator: 'CmdOrCtrl+3', click: () => actions.command({ command: 'show-area', area: 'library' }) },
        { label: 'Discover', accelerator: 'CmdOrCtrl+4', click: () => actions.command({ command: 'show-area', area: 'discover' }) },
        { label: 'Engine and Settings', accelerator: 'CmdOrCtrl+5', click: () => actions.command({ command: 'show-area', area: 'engine' }) },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: `Motif ${app.getVersion()}`, enabled: false },
        { label: 'Show Data Folder', click: () => void shell.openPath(app.getPath('userData')) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
