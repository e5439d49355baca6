/**
 * jsdom has no Web Animations: Svelte's transitions and `animate:` call `element.animate`. This
 * stand-in finishes every animation at once, so cards appear and move without waiting.
 */
interface FakeAnimation {
  onfinish: (() => void) | null;
  currentTime: number;
  playState: string;
  cancel(): void;
  finish(): void;
  play(): void;
  pause(): void;
}

export function finishAnimationsAtOnce(): () => void {
  const proto = Element.prototype as unknown as { animate?: unknown; getAnimations?: unknown };
  const before = { animate: proto.animate, getAnimations: proto.getAnimations };
  proto.getAnimations = () => [];
  proto.animate = function (): FakeAnimation {
    const animation: FakeAnimation = {
      onfinish: null,
      currentTime: 0,
      playState: 'finished',
      cancel() {},
      finish() {},
      play() {},
      pause() {},
    };
    queueMicrotask(() => animation.onfinish?.());
    return animation;
  };
  return () => {
    proto.animate = before.animate;
    proto.getAnimations = before.getAnimations;
  };
}
