import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_CHARTS } from '../../charts/demo-requests.ts';
import { renderChart } from '../../charts/render-chart.ts';
import { decodePng, mismatchRatio } from './png.ts';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
/**
 * Up to 0.5 % of pixels may differ by more than 48/255 in a channel: enough for anti-aliasing and
 * font-hinting differences between resvg builds, far too little for a moved bar or a lost label.
 */
const MAX_MISMATCH = 0.005;

describe('golden images', () => {
  it.each(DEMO_CHARTS.map((chart) => [chart.name, chart.request] as const))(
    'should match the reviewed golden image for %s',
    async (name, request) => {
      const path = `${GOLDEN_DIR}${name}.png`;
      expect(
        existsSync(path),
        `missing golden ${name}.png: run npx tsx charts/scripts/update-goldens.ts`,
      ).toBe(true);
      const golden = decodePng(readFileSync(path));
      const actual = decodePng((await renderChart(request)).png);
      const ratio = mismatchRatio(actual, golden);
      expect(
        ratio,
        `${name}: ${(ratio * 100).toFixed(2)}% of pixels differ from test/charts/golden/${name}.png (allowed ${MAX_MISMATCH * 100}%). If the change is intended, regenerate with npx tsx charts/scripts/update-goldens.ts ${name} and review the image.`,
      ).toBeLessThanOrEqual(MAX_MISMATCH);
    },
  );

  it('should notice a real change: two different charts are far apart', () => {
    const a = decodePng(readFileSync(`${GOLDEN_DIR}breakdown-by-account.png`));
    const b = decodePng(readFileSync(`${GOLDEN_DIR}savings-by-type.png`));
    expect(mismatchRatio(a, b)).toBeGreaterThan(MAX_MISMATCH * 4);
    expect(mismatchRatio(a, a)).toBe(0);
  });
});
