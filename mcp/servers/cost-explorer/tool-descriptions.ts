/**
 * What each cost-explorer tool tells a model: what it returns, in which units, the defaults, and
 * the smallest call that works. Kept apart from the wiring so the texts can be read together.
 */

const EMBEDDED_NOTE =
  'region and role_arn apply to the live AWS backend only; the embedded dataset ignores them.';
const AMOUNTS = 'Amounts are in the data currency (provenance.currency, usually USD).';
const RANGES = 'Ranges are { start, end } days, end exclusive: November 2026 is 2026-11-01 to 2026-12-01.';

export const TOOL_DESCRIPTIONS = {
  get_cost_and_usage: [
    'Cost for a period, optionally per day or month and grouped by up to two dimensions (service, sub_account, region, usage_type, resource, tag:<key>, …), with structured filters.',
    `Returns rows { period_start?, group, label?, amount } (largest first within each period), total over all rows, row_count and provenance. ${AMOUNTS} ${RANGES}`,
    'Defaults: metric EffectiveCost (amortized, net of discounts), granularity month, no grouping, limit 50 rows; page with next_page_token.',
    'Example: {"period":{"start":"2026-11-01","end":"2026-12-01"},"granularity":"total","group_by":["sub_account"],"filters":[{"dimension":"service","op":"in","values":["Amazon Elastic Compute Cloud"]}],"limit":5}',
    EMBEDDED_NOTE,
  ].join('\n'),
  compare_periods: [
    'Compares any two ranges (not only month against month): totals, delta, delta_percent, and per group the largest absolute changes first, the rest folded into one "(other)" row so rows sum to the totals.',
    `${AMOUNTS} ${RANGES} Ranges of different lengths are compared as totals (no scaling).`,
    'Example: {"current":{"start":"2026-11-16","end":"2026-11-23"},"previous":{"start":"2026-11-09","end":"2026-11-16"},"group_by":"service","limit":5}',
    EMBEDDED_NOTE,
  ].join('\n'),
  explain_change: [
    'Explains why cost changed between two ranges: a tree of drivers drilled through levels (default service → sub_account → usage_type → resource), top_per_level at each level plus an "(other)" driver, so children always sum exactly to their parent.',
    `${AMOUNTS} ${RANGES}`,
    'Example: {"current":{"start":"2026-11-01","end":"2026-11-24"},"previous":{"start":"2026-10-01","end":"2026-10-24"},"top_per_level":3}',
    EMBEDDED_NOTE,
  ].join('\n'),
  get_cost_forecast: [
    'Projects the total cost of a period (e.g. this month): actual_to_date for days already past plus forecast_remaining, with 80 % and 95 % intervals and the method used; warnings say when the data lags.',
    `Optional group_by service or sub_account projects the top 10 groups separately (groups need not add up to the total). ${AMOUNTS} ${RANGES}`,
    'Example: {"period":{"start":"2026-11-01","end":"2026-12-01"}}',
    EMBEDDED_NOTE,
  ].join('\n'),
  get_dimension_values: [
    'Lists the values a dimension takes in the data, to find exact names for filters (services, accounts with their names as label, regions, usage types, resources, tag values via tag:<key>).',
    'Without period: every value in the data (services, accounts, regions and usage types alphabetically; other dimensions largest spend first). With period: values with spend in that range, largest first. search is a case-insensitive substring of value or label. Paged: limit 50 by default.',
    'Example: {"dimension":"service","search":"compute"}',
    EMBEDDED_NOTE,
  ].join('\n'),
  get_tag_values: [
    'Lists the tag keys in the data (omit tag_key), or the values of one tag key, alphabetically; with period, only keys or values on spend in that range. Use them in filters and group_by as tag:<key>. Paged: limit 50 by default.',
    'Example: {"tag_key":"team"}',
    EMBEDDED_NOTE,
  ].join('\n'),
  get_anomalies: [
    'Daily cost anomalies in a period, per service, sub_account and usage_type (the same event seen in several series is reported once), largest absolute impact first, each with actual, expected, impact (actual − expected over its days), severity and root causes (what moved, by usage type, resource, region, account, service or ownership tag).',
    `Usage charges, EffectiveCost. min_impact 0 (default) uses the detector's floor: 2 % of an average day's spend, at least 1. ${AMOUNTS} ${RANGES}`,
    'Example: {"period":{"start":"2026-11-01","end":"2026-11-24"}}',
    EMBEDDED_NOTE,
  ].join('\n'),
  get_savings_plans_coverage: [
    'Compute Savings Plans coverage of eligible usage (EC2 instances, Fargate, Lambda) in a period: coverage_percent (0–100, null without eligible usage), covered_spend and on_demand_spend at on-demand rates, and per family.',
    `${AMOUNTS} ${RANGES}`,
    'Example: {"period":{"start":"2026-10-25","end":"2026-11-24"}}',
    EMBEDDED_NOTE,
  ].join('\n'),
  get_savings_plans_utilization: [
    "Savings Plans utilization: how much of the commitment was used (utilization_percent 0–100, null without plans), total, used and unused commitment, and net_savings (on-demand equivalent of the covered usage minus the plans' cost).",
    `Read from the first day of the period's month (plan fees are billed monthly on the 1st); provenance.period gives the range used. ${AMOUNTS} ${RANGES}`,
    'Example: {"period":{"start":"2026-11-01","end":"2026-11-24"}}',
    EMBEDDED_NOTE,
  ].join('\n'),
} as const;

export type CostExplorerToolName = keyof typeof TOOL_DESCRIPTIONS;
