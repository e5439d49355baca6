import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuEnvironment } from '../src/main/shell/menu-template';
import type { AppCommand } from '../src/shared/api';

function build(env: Partial<MenuEnvironment> = {}) {
  const commands: AppCommand[] = [];
  const calls: string[] = [];
  const template = menuTemplate(
    { isMac: false, isPackaged: true, version: '1.2.3', recent: [], ...env },
    {
      command: (command) => commands.push(command),
      openMidi: () => calls.push('openMidi'),
      importFolder: () => calls.push('importFolder'),
      clearRecent: () => calls.push('clearRecent'),
      showDataFolder: () => calls.push('showDataFolder'),
    },
  );
  const menu = (label: string): MenuItemConstructorOptions[] =>
    (template.find((m) => m.label === label || m.role === label)?.submenu as MenuItemConstructorOptions[]) ?? [];
  const item = (menuLabel: string, label: string): MenuItemConstructorOptions => {
    const found = menu(menuLabel).find((i) => i.label === label);
    if (!found) throw new Error(`no ${label} in ${menuLabel}`);
    return found;
  };
  const click = (entry: MenuItemConstructorOptions) => (entry.click as () => void)();
  return { template, commands, calls, menu, item, click };
}

describe('application menu', () => {
  it('has File / Edit / View / Window / Help, and the app menu only on macOS', () => {
    const linux = build();
    expect(linux.template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(linux.menu('File').at(-1)).toEqual({ role: 'quit' });
    const mac = build({ isMac: true });
    expect(mac.template[0]).toEqual({ role: 'appMenu' });
    expect(mac.menu('File').at(-1)).toEqual({ role: 'close' });
    expect(mac.item('Edit', 'Redo').accelerator).toBe('Shift+Cmd+Z');
    expect(linux.item('Edit', 'Redo').accelerator).toBe('Ctrl+Y');
  });

  it('sends File commands to the studio, with the usual accelerators', () => {
    const m = build();
    const expectations: Array<[string, string, AppCommand | string]> = [
      ['New Clip', 'CmdOrCtrl+N', { command: 'new-clip' }],
      ['Open MIDI…', 'CmdOrCtrl+O', 'openMidi'],
      ['Save to Library', 'CmdOrCtrl+S', { command: 'save-composition' }],
      ['Import Folder…', 'CmdOrCtrl+Shift+I', 'importFolder'],
      ['Export MIDI…', 'CmdOrCtrl+E', { command: 'export-midi' }],
    ];
    for (const [label, accelerator, effect] of expectations) {
      const entry = m.item('File', label);
      expect(entry.accelerator).toBe(accelerator);
      m.click(entry);
      if (typeof effect === 'string') expect(m.calls.at(-1)).toBe(effect);
      else expect(m.commands.at(-1)).toEqual(effect);
    }
  });

  it('lists recent MIDI files, opens one on click, and offers Clear Recent only when there are some', () => {
    const empty = build();
    const none = empty.item('File', 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(none.map((i) => i.label ?? i.type)).toEqual(['Clear Recent']);
    expect(none[0]!.enabled).toBe(false);

    const m = build({ recent: ['/music/b.mid', '/music/a.mid'] });
    const recent = m.item('File', 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['/music/b.mid', '/music/a.mid', 'separator', 'Clear Recent']);
    m.click(recent[1]!);
    expect(m.commands).toEqual([{ command: 'open-midi', path: '/music/a.mid' }]);
    m.click(recent[3]!);
    expect(m.calls).toEqual(['clearRecent']);
  });

  it('routes Edit to the studio (the piano roll) and View to the areas', () => {
    const m = build();
    for (const [label, action] of [
      ['Undo', 'undo'],
      ['Cut', 'cut'],
      ['Copy', 'copy'],
      ['Paste', 'paste'],
      ['Delete', 'delete'],
      ['Select All', 'select-all'],
    ] as const) {
      m.click(m.item('Edit', label));
      expect(m.commands.at(-1)).toEqual({ command: 'edit', action });
    }
    const areas = m.menu('View').filter((i) => typeof i.label === 'string');
    expect(areas.map((i) => [i.label, i.accelerator])).toEqual([
      ['Compose', 'CmdOrCtrl+1'],
      ['Stills', 'CmdOrCtrl+2'],
      ['Library', 'CmdOrCtrl+3'],
      ['Discover', 'CmdOrCtrl+4'],
      ['Engine and Settings', 'CmdOrCtrl+5'],
    ]);
    m.click(areas[3]!);
    expect(m.commands.at(-1)).toEqual({ command: 'show-area', area: 'discover' });
    expect(m.menu('View').some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build({ isPackaged: false }).menu('View').some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('shows the version and the data folder under Help', () => {
    const m = build();
    expect(m.menu('help')[0]).toEqual({ label: 'Motif 1.2.3', enabled: false });
    m.click(m.item('help', 'Show Data Folder'));
    expect(m.calls).toEqual(['showDataFolder']);
  });
});
