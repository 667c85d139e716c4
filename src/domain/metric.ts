import { z } from 'zod';

/** FOCUS cost metrics. */
export const METRICS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * CUR / Cost Explorer names accepted as aliases. "net" is net amortized cost, which FOCUS calls
 * EffectiveCost (after negotiated discounts and commitment amortisation).
 */
export const METRIC_ALIASES: Record<string, Metric> = {
  billedcost: 'BilledCost',
  billed: 'BilledCost',
  unblended: 'BilledCost',
  unblendedcost: 'BilledCost',
  effectivecost: 'EffectiveCost',
  effective: 'EffectiveCost',
  amortized: 'EffectiveCost',
  amortised: 'EffectiveCost',
  amortizedcost: 'EffectiveCost',
  net: 'EffectiveCost',
  netamortized: 'EffectiveCost',
  netamortizedcost: 'EffectiveCost',
  listcost: 'ListCost',
  list: 'ListCost',
  ondemand: 'ListCost',
  publicondemand: 'ListCost',
  contractedcost: 'ContractedCost',
  contracted: 'ContractedCost',
};

export const metricSchema = z.string().transform((value, context) => {
  const key = value.replace(/[\s_-]/g, '').toLowerCase();
  const metric = (METRICS as readonly string[]).includes(value) ? (value as Metric) : METRIC_ALIASES[key];
  if (!metric) {
    context.addIssue({
      code: 'custom',
      message: `unknown metric "${value}": use one of ${METRICS.join(', ')} (or unblended, amortized, net, list)`,
    });
    return z.NEVER;
  }
  return metric;
});

export const METRIC_LABELS: Record<Metric, string> = {
  BilledCost: 'billed cost (unblended)',
  EffectiveCost: 'effective cost (amortized, net of discounts)',
  ListCost: 'list cost (public on-demand prices)',
  ContractedCost: 'contracted cost (negotiated prices)',
};

/** The metric used when a question names none. Effective cost is what a FinOps team reports. */
export const DEFAULT_METRIC: Metric = 'EffectiveCost';
