/**
 * An attachment for popovers: closes on Escape and on a pointer press outside the element (and
 * outside its trigger, whose own click toggles it).
 */
import type { Attachment } from 'svelte/attachments';

export function dismissable(onclose: () => void, trigger?: () => HTMLElement | null): Attachment<HTMLElement> {
  return (node) => {
    const onpointerdown = (event: PointerEvent): void => {
      const target = event.target as Node | null;
      if (!target || node.contains(target) || trigger?.()?.contains(target)) return;
      onclose();
    };
    const onkeydown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onclose();
      trigger?.()?.focus();
    };
    document.addEventListener('pointerdown', onpointerdown, true);
    node.addEventListener('keydown', onkeydown);
    return () => {
      document.removeEventListener('pointerdown', onpointerdown, true);
      node.removeEventListener('keydown', onkeydown);
    };
  };
}
