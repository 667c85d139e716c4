import type { Database } from '../../../src/store/database.ts';
import type { Provenance } from '../../contracts/common.ts';

/**
 * Where the embedded utilisation figures come from. The hourly table is filled by the demo
 * organisation (or a future inventory import), so its provenance follows what the database holds.
 */
export async function utilisationProvenance(
  db: Database,
  details: { dataThrough?: string | undefined; metric?: string; period?: { start: string; end: string } },
): Promise<Provenance> {
  const formats = await db.all<{ format: string }>('SELECT DISTINCT format FROM deliveries');
  const demo = formats.length > 0 && formats.every((row) => row.format === 'demo');
  return {
    source: demo
      ? 'demo organisation: hourly utilisation datapoints (embedded dataset, utilization_hourly)'
      : 'embedded dataset: hourly utilisation datapoints (utilization_hourly)',
    kind: demo ? 'demo' : 'export',
    ...(details.dataThrough ? { data_through: details.dataThrough } : {}),
    // Utilisation has no currency; the field is required by the shared provenance shape.
    currency: 'n/a',
    ...(details.metric ? { metric: details.metric } : {}),
    ...(details.period ? { period: details.period } : {}),
  };
}
