import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/**
 * Draws the Teams app icons from SVG with resvg: `color.png` 192 × 192 (full colour) and
 * `outline.png` 32 × 32 (white on transparent), as the Teams manifest asks. Run once; the PNGs are
 * committed. `node --import tsx adapters/teams/scripts/make-icons.ts`
 */
const COLOR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="36" fill="#0F6E56"/>
  <rect x="40" y="104" width="24" height="48" rx="4" fill="#FFFFFF" opacity="0.75"/>
  <rect x="84" y="80" width="24" height="72" rx="4" fill="#FFFFFF" opacity="0.9"/>
  <rect x="128" y="52" width="24" height="100" rx="4" fill="#FFFFFF"/>
  <path d="M40 84 L88 56 L112 68 L152 36" stroke="#F5C542" stroke-width="10" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const OUTLINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <rect x="5" y="18" width="5" height="9" fill="#FFFFFF"/>
  <rect x="13.5" y="13" width="5" height="14" fill="#FFFFFF"/>
  <rect x="22" y="7" width="5" height="20" fill="#FFFFFF"/>
  <path d="M5 14 L13 9 L17 11 L27 4" stroke="#FFFFFF" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

export function renderIcon(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

const here = dirname(dirname(fileURLToPath(import.meta.url)));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, 'color.png'), renderIcon(COLOR_SVG, 192));
  writeFileSync(join(here, 'outline.png'), renderIcon(OUTLINE_SVG, 32));
}
