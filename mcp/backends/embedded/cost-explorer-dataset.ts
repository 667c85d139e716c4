import { z } from 'zod';
import { provenanceSchema } from '../../contracts/common.ts';
import type { CostExplorerBackend } from '../../contracts/cost-explorer.ts';

/**
 * What the finops://dataset/range resource reports. Only a backend over a dataset knows its range
 * (live Cost Explorer keeps a rolling window and charges per request), so this is an optional
 * capability beside the CostExplorerBackend port rather than a member of it.
 */
export const datasetRangeSchema = z.object({
  start: z.string().nullable().describe('First day with data (YYYY-MM-DD), null when no data is loaded.'),
  end: z.string().nullable().describe('Day after the last day with data (exclusive).'),
  days: z.number().int(),
  accounts: z.number().int(),
  services: z.number().int(),
  provenance: provenanceSchema,
});
export type DatasetRange = z.infer<typeof datasetRangeSchema>;

export interface DescribesDataset {
  describeDataset(): Promise<DatasetRange>;
}

export function describesDataset(
  backend: CostExplorerBackend,
): backend is CostExplorerBackend & DescribesDataset {
  return typeof (backend as Partial<DescribesDataset>).describeDataset === 'function';
}
