import { addDays, toDate } from '../../src/domain/index.ts';
import type { TestLineItem } from '../support/line-item-rows.ts';
import { createRandom } from '../support/line-item-rows.ts';

/** Ten weeks of a small organisation, Monday 2026-01-05 to Sunday 2026-03-15, data through 03-15. */
export const FIRST_DAY = '2026-01-05';
export const TODAY = '2026-03-16';
/** A Tuesday and Wednesday: NAT Gateway bytes +300 a day, m5.large +60 a day, both in prod EC2. */
export const SPIKE_DAYS = ['2026-03-10', '2026-03-11'];
export const NAT_EXTRA = 300;
export const BOX_EXTRA = 60;

const EC2 = { service: 'Amazon Elastic Compute Cloud', serviceCode: 'AmazonEC2' };
const PROD = { account: '111111111111', accountName: 'prod' };
const STAGING = { account: '222222222222', accountName: 'staging' };

/**
 * The rows, with ±1 % seeded noise. Weekday/weekend pattern on compute; flat elsewhere. The spike
 * is added as its own rows so a test can tell planted extra from baseline.
 */
export function constructedRows(): TestLineItem[] {
  const random = createRandom(11);
  const noisy = (value: number) => Math.round(value * (1 + (random() - 0.5) * 0.02) * 100) / 100;
  const rows: TestLineItem[] = [];
  for (let day = FIRST_DAY; day < TODAY; day = addDays(day, 1)) {
    const weekday = toDate(day).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    rows.push(
      {
        day,
        ...EC2,
        ...PROD,
        usageType: 'BoxUsage:m5.large',
        resource: 'i-payments',
        tags: { team: 'payments' },
        billed: noisy(weekend ? 50 : 100),
      },
      {
        day,
        ...EC2,
        ...PROD,
        usageType: 'NatGateway-Bytes',
        resource: 'nat-1',
        tags: { team: 'platform' },
        billed: noisy(40),
      },
      {
        day,
        service: 'Amazon Simple Storage Service',
        serviceCode: 'AmazonS3',
        ...STAGING,
        region: 'eu-west-1',
        usageType: 'EU-TimedStorage-ByteHrs',
        resource: 'bucket-1',
        tags: { team: 'search' },
        billed: noisy(30),
      },
      {
        day,
        service: 'Amazon Relational Database Service',
        serviceCode: 'AmazonRDS',
        ...PROD,
        usageType: 'InstanceUsage:db.r6g.large',
        resource: 'db-1',
        billed: noisy(60),
      },
    );
    if (SPIKE_DAYS.includes(day)) {
      rows.push(
        {
          day,
          ...EC2,
          ...PROD,
          usageType: 'NatGateway-Bytes',
          resource: 'nat-1',
          tags: { team: 'platform' },
          billed: NAT_EXTRA,
        },
        {
          day,
          ...EC2,
          ...PROD,
          usageType: 'BoxUsage:m5.large',
          resource: 'i-payments',
          tags: { team: 'payments' },
          billed: BOX_EXTRA,
        },
      );
    }
  }
  return rows;
}
