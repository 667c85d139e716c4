import { z } from 'zod';
import { addDays, daysBetween } from '../domain/time-range.ts';
import { FinopsError } from '../errors.ts';
import { ALL_ACCOUNTS, LINKED_ACCOUNTS } from './accounts.ts';
import { SERVICES } from './build-context.ts';
import type { DemoDay } from './calendar.ts';
import type { SeriesColumns } from './model.ts';

/**
 * A change planted on top of the baseline, for stories and for testing anomaly detection and
 * forecasting. `magnitude` multiplies the baseline usage (3 = +200 %).
 * - spike: ×magnitude on each of `days` days from `start`, then back to baseline.
 * - level_shift: ×magnitude from `start` to the end of the data (a level shift does not end,
 *   so `days` is not used).
 * - ramp: rises linearly from the baseline to ×magnitude over `days` days, then holds.
 */
export interface PlantedAnomaly {
  shape: 'spike' | 'level_shift' | 'ramp';
  /** ServiceName ('Amazon Elastic Compute Cloud') or service code ('AmazonEC2'). */
  service: string;
  /** SubAccountName, e.g. 'acme-prod'. */
  accountName: string;
  /** Usage type without its region prefix ('NatGateway-Bytes'); all usage of the service when absent. */
  usageType?: string;
  start: string;
  days: number;
  magnitude: number;
}

const plantedAnomalySchema = z.object({
  shape: z.enum(['spike', 'level_shift', 'ramp']),
  service: z.string().min(1),
  accountName: z.string().min(1),
  usageType: z.string().min(1).optional(),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'start is written YYYY-MM-DD'),
  days: z.number().int().positive(),
  magnitude: z.number().positive(),
});

/** The standard story: NAT Gateway bytes in acme-prod us-east-1 jump ×6 for four days, 26 days ago. */
export function defaultAnomalies(today: string): PlantedAnomaly[] {
  return [
    {
      shape: 'spike',
      service: SERVICES.ec2.name,
      accountName: LINKED_ACCOUNTS.prod.name,
      usageType: 'NatGateway-Bytes',
      start: addDays(today, -26),
      days: 4,
      magnitude: 6,
    },
  ];
}

export function validateAnomalies(anomalies: readonly PlantedAnomaly[]): PlantedAnomaly[] {
  const services: string[] = Object.values(SERVICES).flatMap((service) => [service.name, service.code]);
  return anomalies.map((anomaly, index) => {
    const parsed = plantedAnomalySchema.safeParse(anomaly);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FinopsError(
        'finops_invalid_input',
        `planted anomaly #${index + 1} is invalid: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}. Expected { shape: spike | level_shift | ramp, service, accountName, usageType?, start: YYYY-MM-DD, days >= 1, magnitude > 0 }.`,
      );
    }
    if (!ALL_ACCOUNTS.some((account) => account.name === anomaly.accountName)) {
      throw new FinopsError(
        'finops_invalid_input',
        `planted anomaly #${index + 1} names account "${anomaly.accountName}", which the demo organisation does not have; use one of ${ALL_ACCOUNTS.map((account) => account.name).join(', ')}`,
      );
    }
    if (!services.includes(anomaly.service)) {
      throw new FinopsError(
        'finops_invalid_input',
        `planted anomaly #${index + 1} names service "${anomaly.service}", which the demo organisation does not use; use one of ${Object.values(
          SERVICES,
        )
          .map((service) => service.name)
          .join(', ')}`,
      );
    }
    return parsed.data as PlantedAnomaly;
  });
}

export function anomalyMatches(anomaly: PlantedAnomaly, columns: SeriesColumns): boolean {
  if (columns.ChargeCategory !== 'Usage') return false;
  if (columns.SubAccountName !== anomaly.accountName) return false;
  if (columns.ServiceName !== anomaly.service && columns.x_ServiceCode !== anomaly.service) return false;
  if (anomaly.usageType === undefined) return true;
  const usage = columns.x_UsageType ?? '';
  return usage === anomaly.usageType || usage.endsWith(`-${anomaly.usageType}`);
}

/** The multiplier `anomaly` applies on `day` (1 outside it). */
export function anomalyMultiplier(anomaly: PlantedAnomaly, day: DemoDay): number {
  const offset = daysBetween(anomaly.start, day.date);
  if (offset < 0) return 1;
  switch (anomaly.shape) {
    case 'spike':
      return offset < anomaly.days ? anomaly.magnitude : 1;
    case 'level_shift':
      return anomaly.magnitude;
    case 'ramp':
      return offset < anomaly.days
        ? 1 + ((anomaly.magnitude - 1) * (offset + 1)) / anomaly.days
        : anomaly.magnitude;
  }
}

/** The last day (inclusive) an anomaly changes, for its story's period. */
export function anomalyEnd(anomaly: PlantedAnomaly, dataEnd: string): string {
  if (anomaly.shape === 'spike') {
    const end = addDays(anomaly.start, anomaly.days);
    return end < dataEnd ? end : dataEnd;
  }
  return dataEnd;
}
