/** Tiny role/label queries for mounted components (no testing-library in this project). */

function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label.trim();
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function buttons(root: ParentNode = document.body): HTMLButtonElement[] {
  return [...root.querySelectorAll('button')];
}

/** The one button whose accessible name equals `name` (or matches it). */
export function getButton(name: string | RegExp, root: ParentNode = document.body): HTMLButtonElement {
  const found = buttons(root).filter((button) => {
    const accessible = accessibleName(button);
    return typeof name === 'string' ? accessible === name : name.test(accessible);
  });
  if (found.length !== 1) {
    const names = buttons(root).map(accessibleName).join(' | ');
    throw new Error(`expected one button named ${String(name)}, found ${found.length}: ${names}`);
  }
  return found[0] as HTMLButtonElement;
}

export function queryButton(name: string, root: ParentNode = document.body): HTMLButtonElement | null {
  return buttons(root).find((button) => accessibleName(button) === name) ?? null;
}

export function getByLabel<T extends Element = Element>(label: string, root: ParentNode = document.body): T {
  const element = [...root.querySelectorAll('[aria-label]')].find(
    (candidate) => candidate.getAttribute('aria-label') === label,
  );
  if (!element) throw new Error(`nothing labelled "${label}"`);
  return element as T;
}

export function heading(level: 1 | 2 | 3, root: ParentNode = document.body): string {
  return (root.querySelector(`h${level}`)?.textContent ?? '').trim();
}
