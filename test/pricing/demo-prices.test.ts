import { describe, expect, it } from 'vitest';
import {
  DEMO_REGIONS,
  EBS_PRICES,
  INSTANCE_TYPES,
  RDS_POSTGRES_CLASSES,
  RDS_STORAGE_PRICES,
  S3_STORAGE_PRICES,
} from '../../src/demo/prices.ts';
import { type ListPrice, loadPriceBook } from '../../src/pricing/index.ts';

// The demo organisation copies its prices from the same snapshot; the book must agree with every one.
const book = loadPriceBook();
const sku = (price: ListPrice | undefined) => price?.rateCode?.split('.')[0];

describe('PriceBook against src/demo/prices.ts', () => {
  for (const region of DEMO_REGIONS) {
    it(`should give every demo EC2 type its demo price, SKU and size in ${region}`, () => {
      for (const [instanceType, demo] of Object.entries(INSTANCE_TYPES)) {
        const price = book.ec2Hourly(region, instanceType);
        expect({ instanceType, usd: price?.usd, sku: sku(price) }).toEqual({
          instanceType,
          usd: demo.hourly[region],
          sku: demo.sku[region],
        });
        const spec = book.ec2Spec(instanceType);
        expect({ instanceType, vcpu: spec?.vcpu, memoryGib: spec?.memoryGib, arch: spec?.arch }).toEqual({
          instanceType,
          vcpu: demo.vcpu,
          memoryGib: demo.memoryGib,
          arch: demo.architecture,
        });
      }
    });

    it(`should give the demo EBS prices in ${region}`, () => {
      const gp2 = book.ebsStorage(region, 'gp2');
      const gp3 = book.ebsStorage(region, 'gp3');
      const snapshot = book.ebsSnapshot(region);
      expect([gp2?.usd, sku(gp2)]).toEqual([EBS_PRICES.gp2.price[region], EBS_PRICES.gp2.sku[region]]);
      expect([gp3?.usd, sku(gp3)]).toEqual([EBS_PRICES.gp3.price[region], EBS_PRICES.gp3.sku[region]]);
      expect([snapshot?.usd, sku(snapshot)]).toEqual([
        EBS_PRICES.snapshot.price[region],
        EBS_PRICES.snapshot.sku[region],
      ]);
    });

    it(`should give the demo S3 prices in ${region}`, () => {
      for (const [storageClass, demo] of Object.entries(S3_STORAGE_PRICES)) {
        const price = book.s3Storage(region, storageClass as keyof typeof S3_STORAGE_PRICES);
        expect({ storageClass, usd: price?.usd, sku: sku(price) }).toEqual({
          storageClass,
          usd: demo.price[region],
          sku: demo.sku[region],
        });
      }
    });

    it(`should give the demo RDS PostgreSQL prices in ${region}`, () => {
      for (const [instanceClass, demo] of Object.entries(RDS_POSTGRES_CLASSES)) {
        expect({
          instanceClass,
          single: book.rdsHourly(region, 'postgres', instanceClass, false)?.usd,
          multi: book.rdsHourly(region, 'postgres', instanceClass, true)?.usd,
          vcpu: book.rdsSpec(instanceClass)?.vcpu,
          memoryGib: book.rdsSpec(instanceClass)?.memoryGib,
        }).toEqual({
          instanceClass,
          single: demo.singleAz[region],
          multi: demo.multiAz[region],
          vcpu: demo.vcpu,
          memoryGib: demo.memoryGib,
        });
      }
      const single = book.rdsStorage(region, 'postgres', 'gp2', false);
      const multi = book.rdsStorage(region, 'postgres', 'gp2', true);
      const backup = book.rdsBackupStorage(region, 'postgres');
      expect([single?.usd, sku(single)]).toEqual([
        RDS_STORAGE_PRICES.singleAz.price[region],
        RDS_STORAGE_PRICES.singleAz.sku[region],
      ]);
      expect([multi?.usd, sku(multi)]).toEqual([
        RDS_STORAGE_PRICES.multiAz.price[region],
        RDS_STORAGE_PRICES.multiAz.sku[region],
      ]);
      expect([backup?.usd, sku(backup)]).toEqual([
        RDS_STORAGE_PRICES.backup.price[region],
        RDS_STORAGE_PRICES.backup.sku[region],
      ]);
    });
  }
});
