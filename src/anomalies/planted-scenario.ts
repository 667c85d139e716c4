import type { PlantedAnomaly } from '../demo/index.ts';
import { createPrng } from '../demo/prng.ts';
import { addDays } from '../domain/index.ts';

/** A planted change the detector is expected to find, in the demo's names. */
export interface ExpectedAnomaly {
  id: string;
  shape: PlantedAnomaly['shape'];
  service: string;
  accountId: string;
  accountName: string;
  usageType?: string;
  start: string;
  /** Exclusive: the day after the last changed day (the end of the data for shifts and ramps). */
  end: string;
}

/** Where anomalies are planted: series with enough spend to matter, none of them payments EC2. */
const PLANT_SITES: Pick<PlantedAnomaly, 'service' | 'accountName' | 'usageType'>[] = [
  { service: 'Amazon CloudFront', accountName: 'acme-prod' },
  { service: 'Amazon DynamoDB', accountName: 'acme-prod', usageType: 'WriteRequestUnits' },
  { service: 'AWS Lambda', accountName: 'acme-data', usageType: 'Lambda-GB-Second' },
  { service: 'Amazon Simple Storage Service', accountName: 'acme-data', usageType: 'TimedStorage-ByteHrs' },
  { service: 'AWS Data Transfer', accountName: 'acme-data', usageType: 'DataTransfer-Regional-Bytes' },
  { service: 'Amazon Elastic Compute Cloud', accountName: 'acme-shared-services' },
  { service: 'Amazon Relational Database Service', accountName: 'acme-prod' },
  { service: 'AmazonCloudWatch', accountName: 'acme-prod' },
];

/** Days before `today` that the evaluation looks at; every planted change starts inside it. */
export const EVALUATION_DAYS = 45;

/**
 * Three planted changes for one seed, on three different services: a spike ×3 for two days, a
 * level shift ×1.5 and a ramp to ×2 over ten days, at seed-dependent sites and days inside the
 * last 45 days. `today` also moves with the seed so month edges fall on different weekdays.
 */
export function plantedScenario(seed: number): { today: string; anomalies: PlantedAnomaly[] } {
  const prng = createPrng(seed * 7919 + 17);
  const today = addDays('2026-05-01', prng.int(0, 180));
  const sites: typeof PLANT_SITES = [];
  while (sites.length < 3) {
    const site = prng.pick(PLANT_SITES);
    if (!sites.some((chosen) => chosen.service === site.service)) sites.push(site);
  }
  const [spikeSite, shiftSite, rampSite] = sites as [
    (typeof PLANT_SITES)[number],
    (typeof PLANT_SITES)[number],
    (typeof PLANT_SITES)[number],
  ];
  return {
    today,
    anomalies: [
      { shape: 'spike', ...spikeSite, start: addDays(today, -prng.int(25, 38)), days: 2, magnitude: 3 },
      {
        shape: 'level_shift',
        ...shiftSite,
        start: addDays(today, -prng.int(14, 24)),
        days: 1,
        magnitude: 1.5,
      },
      { shape: 'ramp', ...rampSite, start: addDays(today, -prng.int(35, 42)), days: 10, magnitude: 2 },
    ],
  };
}
