import { describe, expect, it } from 'vitest';
import {
  detectAnomalies,
  EVALUATION_DAYS,
  evaluateDetection,
  expectedAnomalies,
  explainDay,
  score,
} from '../../src/anomalies/index.ts';
import type { PlantedAnomaly } from '../../src/demo/index.ts';
import { generateDemoOrganisation } from '../../src/demo/index.ts';
import { addDays, toDate } from '../../src/domain/index.ts';
import { createDuckDbCostEngine } from '../../src/engine/index.ts';
import { openDatabase } from '../../src/store/database.ts';

const TODAY = '2026-06-15';
const SPIKE: PlantedAnomaly = {
  shape: 'spike',
  service: 'AmazonCloudWatch',
  accountName: 'acme-prod',
  start: '2026-05-20',
  days: 2,
  magnitude: 3,
};

describe('anomaly detection on the demo organisation', () => {
  it('should find the planted spike and the payments launch, and nothing else', async () => {
    const db = await openDatabase({ dataDir: ':memory:' });
    try {
      const manifest = await generateDemoOrganisation(db, {
        seed: 7,
        now: toDate(TODAY),
        anomalies: [SPIKE],
      });
      const engine = createDuckDbCostEngine({ db });
      const window = { start: addDays(TODAY, -EVALUATION_DAYS), end: TODAY };
      const detected = await detectAnomalies(engine, { window, today: TODAY });
      const expected = expectedAnomalies(manifest, [SPIKE]);
      expect(expected.map((item) => item.id)).toEqual(['planted-spike-1', 'payments-ec2-jump']);
      const result = score(expected, detected);
      expect(result).toMatchObject({ planted: 2, detected: 2, truePositives: 2, precision: 1, recall: 1 });
      const spike = detected.find((anomaly) => anomaly.start <= SPIKE.start && anomaly.end > SPIKE.start);
      expect(spike?.rootCause.find((item) => item.dimension === 'service')?.key).toBe('AmazonCloudWatch');

      const day = await explainDay(engine, { day: SPIKE.start, today: TODAY });
      expect(day.anomalies.map((anomaly) => anomaly.id)).toEqual([spike?.id]);
      const service = day.drivers.find((driver) => driver.dimension === 'service');
      expect(service?.key).toBe('AmazonCloudWatch');
    } finally {
      db.close();
    }
  }, 30_000);

  it('should score one seed of the bench', async () => {
    const messages: string[] = [];
    const [row] = await evaluateDetection({ seeds: [3], onProgress: (message) => messages.push(message) });
    expect(row).toMatchObject({
      seed: 3,
      planted: 4,
      detected: 4,
      truePositives: 4,
      precision: 1,
      recall: 1,
    });
    expect(messages[0]).toMatch(/^seed 3:/);
  }, 30_000);

  it('should refuse an empty list of seeds', async () => {
    await expect(evaluateDetection({ seeds: [] })).rejects.toThrow(/at least one seed/);
  });
});
