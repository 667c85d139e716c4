import type { DemoManifest, PlantedAnomaly } from '../demo/index.ts';
import { generateDemoOrganisation } from '../demo/index.ts';
import { addDays, toDate } from '../domain/index.ts';
import { createDuckDbCostEngine } from '../engine/index.ts';
import { FinopsError } from '../errors.ts';
import { openDatabase } from '../store/database.ts';
import { detectAnomalies } from './detect-anomalies.ts';
import { EVALUATION_DAYS, type ExpectedAnomaly, plantedScenario } from './planted-scenario.ts';
import type { CostAnomaly } from './types.ts';

export interface DetectionScore {
  seed: number;
  today: string;
  planted: number;
  detected: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** Planted changes nothing matched. */
  missed: string[];
  /** Detections that matched nothing planted, or a planted change already matched. */
  falseAlarms: string[];
}

/**
 * Precision and recall on demo organisations with planted anomalies (see planted-scenario.ts).
 * The payments team's EC2 launch, always in the demo, counts as an anomaly to find: it is a real,
 * sudden level shift in spend, and the detector cannot know it was planned. A detection matches
 * a planted change when it overlaps its days and names its service, account and usage type (see
 * `matches`). Each planted change matches at most one detection; a second detection of the same
 * change is a false alarm.
 */
export async function evaluateDetection(options: {
  seeds: number[];
  onProgress?: (message: string) => void;
}): Promise<DetectionScore[]> {
  if (options.seeds.length === 0) {
    throw new FinopsError(
      'finops_invalid_input',
      'evaluateDetection needs at least one seed, e.g. { seeds: [1, 2, 3] }',
    );
  }
  const scores: DetectionScore[] = [];
  for (const seed of options.seeds) {
    const scenario = plantedScenario(seed);
    options.onProgress?.(
      `seed ${seed}: demo organisation to ${scenario.today} with ${scenario.anomalies.length} planted anomalies`,
    );
    const db = await openDatabase({ dataDir: ':memory:' });
    try {
      const manifest = await generateDemoOrganisation(db, {
        seed,
        now: toDate(scenario.today),
        anomalies: scenario.anomalies,
      });
      const engine = createDuckDbCostEngine({ db });
      const detected = await detectAnomalies(engine, {
        window: { start: addDays(scenario.today, -EVALUATION_DAYS), end: scenario.today },
        today: scenario.today,
      });
      scores.push({
        seed,
        today: scenario.today,
        ...score(expectedAnomalies(manifest, scenario.anomalies), detected),
      });
    } finally {
      db.close();
    }
  }
  return scores;
}

/** The planted changes plus the payments EC2 launch, with account ids from the manifest. */
export function expectedAnomalies(manifest: DemoManifest, planted: PlantedAnomaly[]): ExpectedAnomaly[] {
  const accountId = (name: string) => manifest.accounts.find((account) => account.name === name)?.id ?? name;
  const accountName = (id: string) => manifest.accounts.find((account) => account.id === id)?.name ?? id;
  const expected: ExpectedAnomaly[] = planted.map((anomaly, index) => ({
    id: `planted-${anomaly.shape}-${index + 1}`,
    shape: anomaly.shape,
    service: anomaly.service,
    accountId: accountId(anomaly.accountName),
    accountName: anomaly.accountName,
    ...(anomaly.usageType ? { usageType: anomaly.usageType } : {}),
    start: anomaly.start,
    end: anomaly.shape === 'spike' ? addDays(anomaly.start, anomaly.days) : manifest.anchor,
  }));
  const launch = manifest.stories.find((story) => story.id === 'payments-ec2-jump');
  if (launch?.period) {
    expected.push({
      id: launch.id,
      shape: 'level_shift',
      service: launch.service,
      accountId: launch.accountId,
      accountName: accountName(launch.accountId),
      start: launch.period.start,
      end: launch.period.end,
    });
  }
  return expected;
}

export function score(
  expected: ExpectedAnomaly[],
  detected: CostAnomaly[],
): Omit<DetectionScore, 'seed' | 'today'> {
  const matched = new Set<string>();
  const falseAlarms: string[] = [];
  for (const anomaly of detected) {
    const fits = expected.filter((planted) => matches(anomaly, planted));
    const fresh = fits.find((planted) => !matched.has(planted.id));
    if (fresh) matched.add(fresh.id);
    else
      falseAlarms.push(`${anomaly.id} (${anomaly.impact.toFixed(0)}${fits.length > 0 ? ', duplicate' : ''})`);
  }
  const truePositives = detected.length - falseAlarms.length;
  return {
    planted: expected.length,
    detected: detected.length,
    truePositives,
    precision: detected.length === 0 ? 1 : truePositives / detected.length,
    recall: expected.length === 0 ? 1 : matched.size / expected.length,
    missed: expected.filter((planted) => !matched.has(planted.id)).map((planted) => planted.id),
    falseAlarms,
  };
}

/**
 * The detection overlaps the planted days and says the same what and where: its key, or a
 * dominant root-cause value (half the change or more), is the planted service, the planted account
 * and, when one was planted, the planted usage type.
 */
export function matches(anomaly: CostAnomaly, planted: ExpectedAnomaly): boolean {
  if (anomaly.start >= planted.end || anomaly.end <= planted.start) return false;
  const identified = [
    { dimension: anomaly.dimension as string, key: anomaly.key, label: anomaly.label },
    ...anomaly.rootCause
      .filter((item) => item.share >= 0.5)
      .map((item) => ({ dimension: item.dimension as string, key: item.key ?? '', label: item.label })),
  ];
  const has = (dimension: string, test: (key: string, label?: string) => boolean) =>
    identified.some((entry) => entry.dimension === dimension && test(entry.key, entry.label));
  const usageType = planted.usageType;
  return (
    has('service', (key) => key === planted.service) &&
    has('sub_account', (key, label) => key === planted.accountId || label === planted.accountName) &&
    (usageType === undefined ||
      has('usage_type', (key) => key === usageType || key.endsWith(`-${usageType}`)))
  );
}
