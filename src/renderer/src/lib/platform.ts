/** The modifier key the shortcut hints should name. */
export function isApplePlatform(nav: Pick<Navigator, 'userAgent'> = navigator): boolean {
  return /Mac|iPhone|iPad/i.test(nav.userAgent);
}

export function modifierLabel(apple: boolean = isApplePlatform()): string {
  return apple ? '⌘' : 'Ctrl';
}
