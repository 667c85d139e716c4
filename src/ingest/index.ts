export type { Delivery, Slice } from './deliveries.ts';
export { chooseDeliveries } from './deliveries.ts';
export { detectFormat } from './detect-format.ts';
export { ingestFiles } from './ingest-files.ts';
export type {
  BillingFormat,
  IngestFileReport,
  IngestOptions,
  IngestPeriodReport,
  IngestProgress,
  IngestReport,
  IngestSkip,
} from './types.ts';
