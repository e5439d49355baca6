/** Which area of the studio is showing, and the shortcuts that switch it. */
export const AREAS = ['compose', 'stills', 'library', 'discover', 'engine'] as const;
export type Area = (typeof AREAS)[number];

export interface AreaInfo {
  id: Area;
  label: string;
  /** The digit that, with Ctrl/Cmd, opens the area. */
  shortcut: string;
}

export const AREA_INFO: Record<Area, AreaInfo> = {
  compose: { id: 'compose', label: 'Compose', shortcut: '1' },
  stills: { id: 'stills', label: 'Stills', shortcut: '2' },
  library: { id: 'library', label: 'Library', shortcut: '3' },
  discover: { id: 'discover', label: 'Discover', shortcut: '4' },
  engine: { id: 'engine', label: 'Engine', shortcut: '5' },
};

export function isArea(value: unknown): value is Area {
  return typeof value === 'string' && (AREAS as readonly string[]).includes(value);
}

export class Router {
  area = $state<Area>('compose');
  info = $derived(AREA_INFO[this.area]);

  constructor(initial: Area = 'compose') {
    this.area = initial;
  }

  go(area: Area): void {
    this.area = area;
  }

  /** The area a Ctrl/Cmd+digit press should open, or null when the key is not a shortcut. */
  areaForShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): Area | null {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
    return AREAS.find((id) => AREA_INFO[id].shortcut === event.key) ?? null;
  }
}
