/**
 * The application menu as data: each platform's conventions (the app menu on macOS; File / Edit /
 * View / Window / Help everywhere) with the usual accelerators. Edit commands go to the studio so
 * they act in the piano roll, not only in text fields. Pure (electron types only), so it is
 * unit-tested without Electron; `menu.ts` installs it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/api';

export interface MenuEnvironment {
  isMac: boolean;
  isPackaged: boolean;
  version: string;
  /** Recently opened MIDI files, newest first. */
  recent: readonly string[];
}

export interface MenuHandlers {
  /** Send a command to the studio. */
  command(command: AppCommand): void;
  /** Ask for a MIDI file and open it (native dialog). */
  openMidi(): void;
  /** Ask for folders and import them (native dialog). */
  importFolder(): void;
  clearRecent(): void;
  showDataFolder(): void;
}

export function menuTemplate(env: MenuEnvironment, handlers: MenuHandlers): MenuItemConstructorOptions[] {
  const send = (command: AppCommand) => () => handlers.command(command);
  const edit = (action: Extract<AppCommand, { command: 'edit' }>['action'], label: string, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: send({ command: 'edit', action }),
  });
  const area = (label: string, key: number, name: Extract<AppCommand, { command: 'show-area' }>['area']): MenuItemConstructorOptions => ({
    label,
    accelerator: `CmdOrCtrl+${key}`,
    click: send({ command: 'show-area', area: name }),
  });
  return [
    ...(env.isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Clip', accelerator: 'CmdOrCtrl+N', click: send({ command: 'new-clip' }) },
        { label: 'Open MIDI…', accelerator: 'CmdOrCtrl+O', click: () => handlers.openMidi() },
        {
          label: 'Open Recent',
          submenu: [
            ...env.recent.map((file) => ({ label: file, click: send({ command: 'open-midi', path: file }) })),
            ...(env.recent.length > 0 ? [{ type: 'separator' as const }] : []),
            { label: 'Clear Recent', enabled: env.recent.length > 0, click: () => handlers.clearRecent() },
          ],
        },
        { type: 'separator' },
        { label: 'Save to Library', accelerator: 'CmdOrCtrl+S', click: send({ command: 'save-composition' }) },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: () => handlers.importFolder() },
        { label: 'Export MIDI…', accelerator: 'CmdOrCtrl+E', click: send({ command: 'export-midi' }) },
        { type: 'separator' },
        env.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        edit('undo', 'Undo', 'CmdOrCtrl+Z'),
        edit('redo', 'Redo', env.isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
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
        area('Compose', 1, 'compose'),
        area('Stills', 2, 'stills'),
        area('Library', 3, 'library'),
        area('Discover', 4, 'discover'),
        area('Engine and Settings', 5, 'engine'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(env.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: `Motif ${env.version}`, enabled: false },
        { label: 'Show Data Folder', click: () => handlers.showDataFolder() },
      ],
    },
  ];
}
