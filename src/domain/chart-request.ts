import { z } from 'zod';

/**
 * What to draw, not how: the answer carries the data and the chart builders (charts/) turn it
 * into a vega-lite spec and a PNG. Values are in the answer's currency unless `unit` says so.
 */
const point = z.object({ x: z.string(), value: z.number() });
const seriesPoint = z.object({ x: z.string(), series: z.string(), value: z.number() });

export const chartRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trend'),
    title: z.string(),
    granularity: z.enum(['day', 'month']),
    /** One point per bucket and series; `series` is the group value or "Total". */
    points: z.array(seriesPoint),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('breakdown'),
    title: z.string(),
    dimension: z.string(),
    bars: z.array(z.object({ label: z.string(), value: z.number() })),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('comparison'),
    title: z.string(),
    currentLabel: z.string(),
    previousLabel: z.string(),
    items: z.array(z.object({ label: z.string(), current: z.number(), previous: z.number() })),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('waterfall'),
    title: z.string(),
    startLabel: z.string(),
    endLabel: z.string(),
    start: z.number(),
    end: z.number(),
    contributions: z.array(z.object({ label: z.string(), value: z.number() })),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('forecast'),
    title: z.string(),
    actual: z.array(point),
    forecast: z.array(
      z.object({
        x: z.string(),
        value: z.number(),
        lo80: z.number(),
        hi80: z.number(),
        lo95: z.number(),
        hi95: z.number(),
      }),
    ),
    budget: z.number().optional(),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('anomaly'),
    title: z.string(),
    points: z.array(
      z.object({
        x: z.string(),
        actual: z.number(),
        expected: z.number(),
        lower: z.number(),
        upper: z.number(),
        isAnomaly: z.boolean(),
      }),
    ),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('tag_compliance'),
    title: z.string(),
    groups: z.array(z.object({ label: z.string(), tagged: z.number(), untagged: z.number() })),
    unit: z.string().default('USD'),
  }),
  z.object({
    kind: z.literal('rightsizing'),
    title: z.string(),
    metric: z.string(),
    points: z.array(point),
    thresholds: z.array(z.object({ label: z.string(), value: z.number() })),
    unit: z.string().default('percent'),
  }),
  z.object({
    kind: z.literal('savings'),
    title: z.string(),
    bars: z.array(z.object({ label: z.string(), value: z.number() })),
    unit: z.string().default('USD'),
  }),
]);
export type ChartRequest = z.infer<typeof chartRequestSchema>;
export type ChartKind = ChartRequest['kind'];
