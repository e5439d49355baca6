// Generates every app icon from the one source image, resources/icon.svg:
// resources/icon.png (1024 px; electron-builder derives .ico and .icns from it) and the Linux set
// resources/icons/<size>x<size>.png. Run: node scripts/make-icons.js
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources');
const source = path.join(resources, 'icon.svg');
mkdirSync(path.join(resources, 'icons'), { recursive: true });
await sharp(source, { density: 300 }).resize(1024, 1024).png().toFile(path.join(resources, 'icon.png'));
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
  await sharp(source, { density: 300 }).resize(size, size).png().toFile(path.join(resources, 'icons', `${size}x${size}.png`));
}
console.log('icons written to resources/');
