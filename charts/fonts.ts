import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFontMetrics, type FontMetrics } from './font-metrics.ts';

/**
 * The one typeface charts use. It ships in charts/fonts (Bitstream Vera licence, see
 * LICENSE-DejaVu.txt) so a server with no system fonts still draws text.
 */
export const FONT_FAMILY = 'DejaVu Sans';

export const FONT_FILES = {
  regular: fileURLToPath(new URL('./fonts/DejaVuSans.ttf', import.meta.url)),
  bold: fileURLToPath(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url)),
} as const;

export interface BundledFontMetrics {
  regular: FontMetrics;
  bold: FontMetrics;
}

let loaded: BundledFontMetrics | undefined;

/** Parsed once per process: the files are ~0.7 MB each and never change. */
export function bundledFontMetrics(): BundledFontMetrics {
  loaded ??= {
    regular: createFontMetrics(readFileSync(FONT_FILES.regular)),
    bold: createFontMetrics(readFileSync(FONT_FILES.bold)),
  };
  return loaded;
}
