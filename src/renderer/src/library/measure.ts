/**
 * An attachment that reports an element's inner size now and whenever it changes: through a
 * ResizeObserver where there is one, else on window resizes (jsdom has none, and Svelte's
 * `bind:clientWidth` would throw there).
 */
import type { Attachment } from 'svelte/attachments';

export function measure(onsize: (width: number, height: number) => void): Attachment<HTMLElement> {
  return (node) => {
    const report = (): void => onsize(node.clientWidth, node.clientHeight);
    report();
    if (typeof ResizeObserver === 'function') {
      const observer = new ResizeObserver(report);
      observer.observe(node);
      return () => observer.disconnect();
    }
    window.addEventListener('resize', report);
    return () => window.removeEventListener('resize', report);
  };
}
