/** The piano roll's colours, and the colour of a note by its velocity. */
import { MAX_VELOCITY } from './music';

export const THEME = {
  bg: '#141417',
  rowWhite: '#1c1c20',
  rowBlack: '#18181b',
  rowInScale: '#1f1f24',
  rowOutScale: '#161619',
  rowTonic: 'rgba(244, 163, 64, 0.07)',
  rowLine: '#222227',
  octaveLine: '#2e2e35',
  subLine: 'rgba(255, 255, 255, 0.045)',
  beatLine: 'rgba(255, 255, 255, 0.075)',
  barLine: 'rgba(255, 255, 255, 0.16)',
  pastEnd: 'rgba(6, 6, 8, 0.42)',
  endLine: 'rgba(255, 255, 255, 0.2)',
  ruler: '#1a1a1e',
  rulerText: '#a6a29c',
  rulerFaint: '#5f5b57',
  border: '#2a2a30',
  keyWhite: '#d7d3cd',
  keyWhiteEdge: '#a9a49d',
  keyBlack: '#232328',
  keyBlackTop: '#34343b',
  keyLabel: '#6f6a64',
  keyPressed: '#f4a340',
  keyHover: '#f1e7da',
  accent: '#f4a340',
  accentStrong: '#ffb55c',
  accentInk: '#1c1206',
  loopOn: 'rgba(244, 163, 64, 0.85)',
  loopOff: '#45454d',
  loopShadeOn: 'rgba(244, 163, 64, 0.045)',
  selectedOutline: '#fff4e4',
  lane: '#161619',
  laneGuide: 'rgba(255, 255, 255, 0.045)',
  laneText: '#726e69',
  marqueeFill: 'rgba(244, 163, 64, 0.09)',
  marqueeStroke: 'rgba(244, 163, 64, 0.85)',
  playhead: '#ffcf8a',
  ghostFill: 'rgba(121, 168, 230, 0.16)',
  ghostStroke: 'rgba(150, 190, 245, 0.9)',
} as const;

/** Note colour for a velocity: dim, muted amber when soft, bright warm amber when loud. */
export function velocityColour(velocity: number, selected = false): string {
  const v = Math.min(1, Math.max(0, velocity / MAX_VELOCITY));
  const hue = 26 + v * 8;
  const saturation = 34 + v * 60;
  const lightness = 28 + v * 34 + (selected ? 8 : 0);
  return `hsl(${hue.toFixed(1)} ${saturation.toFixed(1)}% ${Math.min(84, lightness).toFixed(1)}%)`;
}
