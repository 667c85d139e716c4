/**
 * Regenerates test/charts/golden/*.png from DEMO_CHARTS. Run after an intended visual change:
 *   npx tsx charts/scripts/update-goldens.ts
 * then look at every image before committing (they are the reviewed reference).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_CHARTS } from '../demo-requests.ts';
import { renderChart } from '../render-chart.ts';

const goldenDir = fileURLToPath(new URL('../../test/charts/golden/', import.meta.url));
mkdirSync(goldenDir, { recursive: true });
const only = process.argv.slice(2);
for (const { name, request } of DEMO_CHARTS) {
  if (only.length > 0 && !only.includes(name)) continue;
  const chart = await renderChart(request);
  writeFileSync(`${goldenDir}${name}.png`, chart.png);
  console.log(`${name}.png ${chart.width}×${chart.height} ${chart.png.byteLength} bytes`);
}
