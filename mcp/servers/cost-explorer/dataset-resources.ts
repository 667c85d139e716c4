import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { BASE_DIMENSIONS, type BaseDimension, DIMENSION_LABELS } from '../../../src/domain/index.ts';
import { LINE_ITEM_COLUMNS } from '../../../src/store/schema.ts';
import { describesDataset } from '../../backends/embedded/cost-explorer-dataset.ts';
import type { CostExplorerBackend } from '../../contracts/cost-explorer.ts';
import { METRIC_NAMES } from '../../contracts/cost-explorer.ts';

export const SCHEMA_URI = 'finops://dataset/schema';
export const RANGE_URI = 'finops://dataset/range';

/** The FOCUS column each dimension reads (tag:<key> reads the Tags map). */
const DIMENSION_COLUMNS: Record<BaseDimension, string> = {
  service: 'ServiceName',
  service_category: 'ServiceCategory',
  sub_account: 'SubAccountId',
  billing_account: 'BillingAccountId',
  region: 'RegionId',
  charge_category: 'ChargeCategory',
  usage_type: 'x_UsageType',
  sku: 'SkuId',
  resource: 'ResourceId',
  provider: 'ProviderName',
};

const METRIC_MEANINGS: Record<(typeof METRIC_NAMES)[number], string> = {
  EffectiveCost: 'Amortized cost net of discounts (FOCUS EffectiveCost); the default.',
  BilledCost: 'What the invoice charges (FOCUS BilledCost).',
  ListCost: 'At public on-demand prices (FOCUS ListCost).',
  ContractedCost: 'At negotiated prices (FOCUS ContractedCost).',
  UnblendedCost: "Cost Explorer's name for BilledCost.",
  AmortizedCost: 'Cost Explorer name, answered with EffectiveCost.',
  NetAmortizedCost: "Cost Explorer's name for EffectiveCost.",
};

/** The dataset's shape, for a model deciding which dimension or metric to ask for. */
export function datasetSchemaDocument() {
  return {
    table: 'line_items',
    standard: 'FOCUS 1.x, normalised from FOCUS, CUR 2.0 or legacy CUR exports (x_ columns are extensions)',
    columns: LINE_ITEM_COLUMNS.map(([name, type]) => ({ name, type })),
    dimensions: [
      ...BASE_DIMENSIONS.map((dimension) => ({
        name: dimension,
        label: DIMENSION_LABELS[dimension],
        column: DIMENSION_COLUMNS[dimension],
      })),
      { name: 'tag:<key>', label: 'a resource tag, e.g. tag:team', column: 'Tags' },
    ],
    metrics: METRIC_NAMES.map((name) => ({ name, meaning: METRIC_MEANINGS[name] })),
    notes: [
      'Ranges are half-open days (end exclusive), in UTC.',
      'Accounts filter by id or name; an empty tag value counts as missing.',
    ],
  };
}

/** What the range resource says for a backend without a dataset of its own (live Cost Explorer). */
const LIVE_RANGE = {
  kind: 'aws-api',
  note: 'Live AWS Cost Explorer: the last 13 months and the current month (up to 38 months when multi-year data is enabled in the billing console); the most recent day is usually up to 24 hours behind.',
};

export function registerDatasetResources(server: McpServer, backend: CostExplorerBackend): void {
  server.registerResource(
    'dataset-schema',
    SCHEMA_URI,
    {
      title: 'Cost dataset schema',
      description:
        'The FOCUS columns of the cost table, the dimensions tools group and filter by, and the metrics.',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify(datasetSchemaDocument(), null, 2),
        },
      ],
    }),
  );
  server.registerResource(
    'dataset-range',
    RANGE_URI,
    {
      title: 'Cost dataset date range',
      description:
        'The first day and the day after the last day with cost data (end exclusive), the source and its currency.',
      mimeType: 'application/json',
    },
    async (uri) => {
      const range = describesDataset(backend) ? await backend.describeDataset() : LIVE_RANGE;
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(range, null, 2) }],
      };
    },
  );
}
