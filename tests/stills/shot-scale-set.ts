/**
 * A generated shot-scale dataset: class folders of drawn "film stills" in the five shot scales
 * editors sort by. Each still draws a figure (head, neck, shoulders, torso, legs) framed the way
 * the scale frames a person: an extreme close-up fills the frame with part of a face, a close-up
 * shows head and shoulders, a medium shot the figure from the waist up, a long shot the whole
 * figure, an extreme long shot a small figure in a landscape. Every "film" has its own palette
 * and grain, and file names carry the film as a prefix (`film03_0007.jpg`) so group-aware splits
 * can be tested. Deterministic for a seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export const SHOT_SCALE_CLASSES = ['extreme close-up', 'close-up', 'medium', 'long', 'extreme long'] as const;
export type ShotScale = (typeof SHOT_SCALE_CLASSES)[number];

export interface ShotScaleSetOptions {
  /** Stills per class. */
  perClass: number;
  seed?: number;
  /** How many films the stills come from (file-name prefixes); stills are spread over them. */
  films?: number;
  width?: number;
  height?: number;
  /** Classes to write (default all five). */
  classes?: readonly ShotScale[];
  /** Share of stills drawn letterboxed (black bars top and bottom), 0-1. */
  letterboxShare?: number;
  format?: 'jpeg' | 'png';
}

export interface ShotScaleSet {
  root: string;
  classes: ShotScale[];
  files: Array<{ path: string; label: ShotScale; film: string }>;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${Math.round(h) % 360} ${Math.round(s)}% ${Math.round(l)}%)`;
}

interface Palette {
  hue: number;
  sky: string;
  ground: string;
  wall: string;
  coat: string;
}

function palette(rand: () => number): Palette {
  const hue = rand() * 360;
  return {
    hue,
    sky: hsl(hue + 180 + rand() * 40, 35 + rand() * 30, 55 + rand() * 25),
    ground: hsl(hue + 60 + rand() * 60, 25 + rand() * 30, 25 + rand() * 25),
    wall: hsl(hue + rand() * 30, 15 + rand() * 25, 35 + rand() * 35),
    coat: hsl(hue + 200 + rand() * 120, 40 + rand() * 40, 20 + rand() * 30),
  };
}

/**
 * A person whose head has radius `r`, centred at (cx, headY). Proportions: about 7.5 heads tall.
 */
function person(cx: number, headY: number, r: number, skin: string, coat: string, trousers: string): string {
  const shoulderY = headY + r * 1.6;
  const shoulderW = r * 2.3;
  const waistY = headY + r * 5.2;
  const footY = headY + r * 13.5;
  return [
    // legs
    `<rect x="${cx - r * 0.9}" y="${waistY}" width="${r * 0.8}" height="${footY - waistY}" fill="${trousers}"/>`,
    `<rect x="${cx + r * 0.1}" y="${waistY}" width="${r * 0.8}" height="${footY - waistY}" fill="${trousers}"/>`,
    // torso with shoulders
    `<path d="M ${cx - shoulderW} ${shoulderY + r * 0.6} Q ${cx - shoulderW} ${shoulderY} ${cx - r * 0.4} ${shoulderY}
      L ${cx + r * 0.4} ${shoulderY} Q ${cx + shoulderW} ${shoulderY} ${cx + shoulderW} ${shoulderY + r * 0.6}
      L ${cx + r * 1.3} ${waistY + r * 0.3} L ${cx - r * 1.3} ${waistY + r * 0.3} Z" fill="${coat}"/>`,
    // arms
    `<rect x="${cx - shoulderW - r * 0.1}" y="${shoulderY + r * 0.4}" width="${r * 0.7}" height="${r * 4}" rx="${r * 0.3}" fill="${coat}"/>`,
    `<rect x="${cx + shoulderW - r * 0.6}" y="${shoulderY + r * 0.4}" width="${r * 0.7}" height="${r * 4}" rx="${r * 0.3}" fill="${coat}"/>`,
    // neck and head
    `<rect x="${cx - r * 0.35}" y="${headY + r * 0.7}" width="${r * 0.7}" height="${r * 1.1}" fill="${skin}"/>`,
    `<ellipse cx="${cx}" cy="${headY}" rx="${r * 0.82}" ry="${r}" fill="${skin}"/>`,
    // hair, eyes, mouth
    `<path d="M ${cx - r * 0.85} ${headY - r * 0.1} Q ${cx} ${headY - r * 1.45} ${cx + r * 0.85} ${headY - r * 0.1} Q ${cx} ${headY - r * 0.75} ${cx - r * 0.85} ${headY - r * 0.1} Z" fill="#2b1d14"/>`,
    `<ellipse cx="${cx - r * 0.3}" cy="${headY + r * 0.05}" rx="${r * 0.12}" ry="${r * 0.07}" fill="#1b1b1b"/>`,
    `<ellipse cx="${cx + r * 0.3}" cy="${headY + r * 0.05}" rx="${r * 0.12}" ry="${r * 0.07}" fill="#1b1b1b"/>`,
    `<rect x="${cx - r * 0.25}" y="${headY + r * 0.5}" width="${r * 0.5}" height="${r * 0.08}" fill="#7a3b3b"/>`,
  ].join('\n');
}

function scenery(width: number, height: number, p: Palette, rand: () => number, exterior: boolean): string {
  const parts: string[] = [];
  if (exterior) {
    const horizon = height * (0.45 + rand() * 0.25);
    parts.push(`<rect width="${width}" height="${horizon}" fill="${p.sky}"/>`);
    parts.push(`<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${p.ground}"/>`);
    for (let i = 0; i < 5; i++) {
      const x = rand() * width;
      const w = width * (0.05 + rand() * 0.2);
      const h = height * (0.05 + rand() * 0.25);
      parts.push(
        `<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="${hsl(p.hue + rand() * 90, 20, 25 + rand() * 30)}"/>`,
      );
    }
  } else {
    parts.push(`<rect width="${width}" height="${height}" fill="${p.wall}"/>`);
    for (let i = 0; i < 4; i++) {
      const x = rand() * width;
      const y = rand() * height * 0.6;
      parts.push(
        `<rect x="${x}" y="${y}" width="${width * (0.08 + rand() * 0.2)}" height="${height * (0.1 + rand() * 0.3)}" fill="${hsl(p.hue + rand() * 120, 25, 30 + rand() * 40)}" opacity="0.8"/>`,
      );
    }
  }
  return parts.join('\n');
}

/** One still's SVG for a shot scale. */
export function shotSvg(scale: ShotScale, width: number, height: number, p: Palette, rand: () => number): string {
  const skin = hsl(20 + rand() * 20, 35 + rand() * 30, 45 + rand() * 35);
  const trousers = hsl(p.hue + rand() * 60, 20, 15 + rand() * 20);
  const cx = width * (0.3 + rand() * 0.4);
  let body: string;
  let exterior = rand() < 0.5;
  switch (scale) {
    case 'extreme close-up': {
      const r = height * (0.75 + rand() * 0.35);
      body = person(cx, height * (0.35 + rand() * 0.3), r, skin, p.coat, trousers);
      break;
    }
    case 'close-up': {
      const r = height * (0.24 + rand() * 0.08);
      body = person(cx, height * (0.38 + rand() * 0.12), r, skin, p.coat, trousers);
      break;
    }
    case 'medium': {
      const r = height * (0.1 + rand() * 0.035);
      body = person(cx, height * (0.2 + rand() * 0.12), r, skin, p.coat, trousers);
      break;
    }
    case 'long': {
      const r = height * (0.05 + rand() * 0.012);
      body = person(cx, height * (0.12 + rand() * 0.12), r, skin, p.coat, trousers);
      break;
    }
    case 'extreme long': {
      exterior = true;
      const r = height * (0.008 + rand() * 0.01);
      body = person(cx, height * (0.5 + rand() * 0.2), r, skin, p.coat, trousers);
      break;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
${scenery(width, height, p, rand, exterior)}
${body}
</svg>`;
}

/** Write the set under `root/<class>/filmNN_NNNN.<ext>`; returns what was written. */
export async function writeShotScaleSet(root: string, options: ShotScaleSetOptions): Promise<ShotScaleSet> {
  const rand = random(options.seed ?? 1);
  const width = options.width ?? 256;
  const height = options.height ?? 144;
  const films = Math.max(1, options.films ?? 6);
  const classes = [...(options.classes ?? SHOT_SCALE_CLASSES)];
  const format = options.format ?? 'jpeg';
  const letterboxShare = options.letterboxShare ?? 0.25;
  const palettes = Array.from({ length: films }, () => palette(rand));
  const files: ShotScaleSet['files'] = [];
  let counter = 0;
  for (const label of classes) {
    fs.mkdirSync(path.join(root, label), { recursive: true });
    for (let i = 0; i < options.perClass; i++) {
      const filmIndex = i % films;
      const film = `film${String(filmIndex + 1).padStart(2, '0')}`;
      const p = palettes[filmIndex] as Palette;
      let image = sharp(Buffer.from(shotSvg(label, width, height, p, rand)));
      if (rand() < letterboxShare) {
        const bar = Math.round(height * 0.12);
        const inner = await image
          .resize(width, height - bar * 2, { fit: 'fill' })
          .png()
          .toBuffer();
        image = sharp(inner).extend({ top: bar, bottom: bar, background: '#000000' });
      }
      const bytes =
        format === 'jpeg'
          ? await image.jpeg({ quality: 80 + Math.floor(rand() * 15) }).toBuffer()
          : await image.png().toBuffer();
      counter += 1;
      const file = path.join(
        root,
        label,
        `${film}_${String(counter).padStart(4, '0')}.${format === 'jpeg' ? 'jpg' : 'png'}`,
      );
      fs.writeFileSync(file, bytes);
      files.push({ path: file, label, film });
    }
  }
  return { root, classes, files };
}
