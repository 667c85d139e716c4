import type { InventoryResource, MetricSummary } from '../../inventory/index.ts';
import {
  type ListPrice,
  RDS_ENGINES,
  RDS_STORAGE_TYPES,
  type RdsEngine,
  type RdsStorageType,
} from '../../pricing/index.ts';
import { buildRecommendation } from '../build-recommendation.ts';
import { HOURS_PER_MONTH, roundUsd } from '../model.ts';
import type { Rule, RuleContext, RuleResult } from '../rule.ts';
import { daysBetweenIso, metricDays, percentileEvidence, perUnit, round, usd } from './evidence.ts';

const RDS_SERVICE = 'Amazon Relational Database Service';

interface Database {
  resource: InventoryResource;
  engine: RdsEngine | undefined;
  instanceClass: string;
  multiAz: boolean;
  storageType: RdsStorageType | undefined;
  storageGib: number;
  metrics: Partial<Record<string, MetricSummary>>;
  instancePrice: ListPrice | undefined;
  storagePrice: ListPrice | undefined;
}

const databasesByRun = new WeakMap<RuleContext, Promise<Database[]>>();

function databases(context: RuleContext): Promise<Database[]> {
  let loaded = databasesByRun.get(context);
  if (!loaded) {
    loaded = loadDatabases(context);
    databasesByRun.set(context, loaded);
  }
  return loaded;
}

async function loadDatabases(context: RuleContext): Promise<Database[]> {
  const [resources, metrics] = await Promise.all([
    context.inventory.resources({ resourceTypes: ['rds_instance'] }),
    context.inventory.utilisation({ resourceTypes: ['rds_instance'], window: context.metricsWindow }),
  ]);
  return resources
    .filter((resource) => resource.state === 'available')
    .map((resource) => {
      const attributes = resource.attributes;
      const engineName = String(attributes.engine ?? '');
      const engine = (RDS_ENGINES as readonly string[]).includes(engineName)
        ? (engineName as RdsEngine)
        : undefined;
      const instanceClass = String(attributes.instance_class ?? resource.size ?? '');
      const multiAz = attributes.multi_az === true;
      const storageName = String(attributes.storage_type ?? 'gp2');
      const storageType = (RDS_STORAGE_TYPES as readonly string[]).includes(storageName)
        ? (storageName as RdsStorageType)
        : undefined;
      const storageGib =
        typeof attributes.allocated_storage_gib === 'number' ? attributes.allocated_storage_gib : 0;
      return {
        resource,
        engine,
        instanceClass,
        multiAz,
        storageType,
        storageGib,
        metrics: metrics.get(resource.resourceId) ?? {},
        instancePrice: engine
          ? context.prices.rdsHourly(resource.region, engine, instanceClass, multiAz)
          : undefined,
        storagePrice:
          engine && storageType
            ? context.prices.rdsStorage(resource.region, engine, storageType, multiAz)
            : undefined,
      };
    });
}

function name(database: Database): string {
  return database.resource.resourceName ?? database.resource.resourceId;
}

function deployment(database: Database): string {
  return database.multiAz ? 'Multi-AZ' : 'Single-AZ';
}

function missingPrice(database: Database, what: string): string {
  return `No RDS ${what} price for ${database.engine ?? 'this engine'} ${database.instanceClass} ${deployment(database)} in ${database.resource.region} in the price snapshot: ${name(database)} was not priced.`;
}

/** RDS idle: no connections for 7+ days → final snapshot, then delete. */
export const rdsIdleRule: Rule = {
  id: 'rds-idle',
  description: 'RDS instances with no connections for 7 days or more.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const windowEnd = new Date(`${context.metricsWindow.end}T00:00:00Z`);
    for (const database of await databases(context)) {
      const connections = database.metrics.db_connections;
      if (!connections || metricDays(connections) < context.policy.rds.idleDays) continue;
      const quietSince = connections.lastNonZero ?? connections.first;
      const quietDays = connections.lastNonZero
        ? daysBetweenIso(connections.lastNonZero, windowEnd)
        : Math.floor(metricDays(connections));
      if (quietDays < context.policy.rds.idleDays) continue;
      const { instancePrice, storagePrice } = database;
      const instanceMonthly = instancePrice ? instancePrice.usd * HOURS_PER_MONTH : undefined;
      const storageMonthly = storagePrice ? storagePrice.usd * database.storageGib : undefined;
      const priced = instanceMonthly !== undefined && storageMonthly !== undefined;
      const warnings: string[] = [];
      if (!priced) {
        const note = missingPrice(database, instanceMonthly === undefined ? 'instance' : 'storage');
        warnings.push(note);
        result.notes.push(note);
      }
      const total = priced ? instanceMonthly + storageMonthly : null;
      const { resourceId, region } = database.resource;
      const identifier = name(database);
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'rds-idle',
          service: RDS_SERVICE,
          accountId: database.resource.accountId,
          region,
          resourceId,
          resourceName: database.resource.resourceName,
          title: `Delete idle database ${identifier} (${database.instanceClass}, no connections for ${quietDays} days)`,
          rationale: `${identifier} has had no client connections since ${quietSince.slice(0, 10)} (${quietDays} days), yet its instance and ${database.storageGib} GiB of storage bill every hour. Take a final snapshot and delete it; stopping is not enough, because RDS starts a stopped instance again after 7 days.`,
          evidence: [
            {
              name: 'days without connections',
              value: quietDays,
              unit: 'days',
              threshold: `≥ ${context.policy.rds.idleDays} days`,
            },
            percentileEvidence('Connections', connections, 'max', 'connections', context.metricsWindow),
            ...(database.metrics.cpu_percent
              ? [percentileEvidence('CPU', database.metrics.cpu_percent, 'p95', '%', context.metricsWindow)]
              : []),
          ],
          current: {
            instanceClass: database.instanceClass,
            engine: database.engine ?? 'unknown',
            deployment: deployment(database),
            storageType: database.storageType ?? 'unknown',
            storageGib: database.storageGib,
          },
          proposed: { action: 'final snapshot, then delete' },
          currentMonthlyCost: total === null ? null : roundUsd(total),
          estimatedMonthlySavings: total === null ? null : roundUsd(total),
          savingsBasis:
            instancePrice && storagePrice
              ? `${HOURS_PER_MONTH} h × ${perUnit(instancePrice.usd, 'hour')} + ${database.storageGib} GiB × ${perUnit(storagePrice.usd, 'GB-month')} = ${usd((instanceMonthly ?? 0) + (storageMonthly ?? 0))} a month; the final snapshot bills separately`
              : 'not priced: a price is missing from the snapshot',
          pricesUsed: [...(instancePrice ? [instancePrice] : []), ...(storagePrice ? [storagePrice] : [])],
          effort: 'low',
          risk: 'medium',
          steps: {
            console: [
              `Confirm with the owner (${database.resource.tags.owner ?? 'no owner tag'}) that ${identifier} is retired.`,
              `RDS console (${region}) → Databases → ${identifier} → Actions → Delete → Create final snapshot → Delete.`,
            ],
            cli: [
              `aws rds delete-db-instance --region ${region} --db-instance-identifier ${identifier} --final-db-snapshot-identifier ${identifier}-final`,
            ],
          },
          warnings,
          tags: database.resource.tags,
        }),
      );
    }
    return result;
  },
};

/** RDS oversized: CPU p95 low → the next size down in the same class family. */
export const rdsRightsizeRule: Rule = {
  id: 'rds-rightsize',
  description:
    'RDS instances whose CPU p95 would fit the next smaller class of the same family with headroom.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const policy = context.policy.rds;
    for (const database of await databases(context)) {
      const cpu = database.metrics.cpu_percent;
      const connections = database.metrics.db_connections;
      if (!cpu || metricDays(cpu) < context.policy.minimumMetricDays || cpu.p95 >= policy.oversizedCpuP95)
        continue;
      if (
        connections?.lastNonZero &&
        daysBetweenIso(connections.lastNonZero, new Date(`${context.metricsWindow.end}T00:00:00Z`)) >=
          policy.idleDays
      )
        continue;
      const spec = context.prices.rdsSpec(database.instanceClass);
      const price = database.instancePrice;
      const engine = database.engine;
      // Burstable classes (db.t*) share vCPU counts across sizes and spend CPU credits: a p95 does not size them.
      if (!spec || !price || !engine || spec.family.startsWith('t')) continue;
      const candidates = context.prices
        .rdsClassesInRegion(database.resource.region, engine, database.multiAz)
        .filter((candidate) => candidate.family === spec.family && candidate.vcpu < spec.vcpu)
        .map((candidate) => ({
          spec: candidate,
          price: context.prices.rdsHourly(
            database.resource.region,
            engine,
            candidate.instanceClass,
            database.multiAz,
          ),
          projected: (cpu.p95 * spec.vcpu) / candidate.vcpu,
        }))
        .filter((candidate) => candidate.price && candidate.projected <= policy.targetCpuP95)
        .sort((a, b) => (a.price?.usd ?? 0) - (b.price?.usd ?? 0));
      const target = candidates[0];
      if (!target?.price || target.price.usd >= price.usd) continue;
      const savings = (price.usd - target.price.usd) * HOURS_PER_MONTH;
      const identifier = name(database);
      const { region } = database.resource;
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'rds-rightsize',
          service: RDS_SERVICE,
          accountId: database.resource.accountId,
          region,
          resourceId: database.resource.resourceId,
          resourceName: database.resource.resourceName,
          title: `Rightsize database ${identifier} from ${database.instanceClass} to ${target.spec.instanceClass}`,
          rationale: `${identifier} peaked at ${round(cpu.p95, 1)} % CPU (p95) over ${Math.round(metricDays(cpu))} days; on ${target.spec.instanceClass} (${target.spec.vcpu} vCPU, ${target.spec.memoryGib} GiB) that is about ${round(target.projected, 1)} %. Check FreeableMemory and the buffer cache hit ratio before resizing: memory is not in the inventory.`,
          evidence: [
            percentileEvidence(
              'CPU',
              cpu,
              'p95',
              '%',
              context.metricsWindow,
              `< ${policy.oversizedCpuP95} %`,
            ),
            {
              name: `Projected CPU p95 on ${target.spec.instanceClass}`,
              value: round(target.projected, 1),
              unit: '%',
              threshold: `≤ ${policy.targetCpuP95} %`,
            },
          ],
          current: {
            instanceClass: database.instanceClass,
            vcpu: spec.vcpu,
            memoryGib: spec.memoryGib,
            hourlyUsd: price.usd,
          },
          proposed: {
            instanceClass: target.spec.instanceClass,
            vcpu: target.spec.vcpu,
            memoryGib: target.spec.memoryGib,
            hourlyUsd: target.price.usd,
          },
          currentMonthlyCost: roundUsd(price.usd * HOURS_PER_MONTH),
          estimatedMonthlySavings: roundUsd(savings),
          savingsBasis: `${HOURS_PER_MONTH} h × (${perUnit(price.usd, 'hour')} − ${perUnit(target.price.usd, 'hour')}) = ${usd(savings)} a month`,
          pricesUsed: [price, target.price],
          effort: 'low',
          risk: 'medium',
          steps: {
            console: [
              `RDS console (${region}) → Databases → ${identifier} → Modify → DB instance class ${target.spec.instanceClass}.`,
              'Apply during the next maintenance window (Multi-AZ fails over; Single-AZ restarts).',
            ],
            cli: [
              `aws rds modify-db-instance --region ${region} --db-instance-identifier ${identifier} --db-instance-class ${target.spec.instanceClass} --no-apply-immediately`,
            ],
          },
          warnings: ['Memory utilisation is not in the inventory: check FreeableMemory first.'],
          tags: database.resource.tags,
        }),
      );
    }
    return result;
  },
};

/** RDS gp2 → gp3: same or lower storage price and a 3,000 IOPS baseline instead of 3 IOPS per GiB. */
export const rdsGp2ToGp3Rule: Rule = {
  id: 'rds-gp2-to-gp3',
  description: 'RDS instances on gp2 storage where gp3 costs less.',
  async run(context) {
    const result: RuleResult = { recommendations: [], notes: [] };
    const samePrice: string[] = [];
    for (const database of await databases(context)) {
      if (database.storageType !== 'gp2' || database.storageGib <= 0) continue;
      const { region } = database.resource;
      const gp2 = database.storagePrice;
      const gp3 = database.engine
        ? context.prices.rdsStorage(region, database.engine, 'gp3', database.multiAz)
        : undefined;
      if (!gp2 || !gp3) {
        result.notes.push(missingPrice(database, 'storage'));
        continue;
      }
      const savings = (gp2.usd - gp3.usd) * database.storageGib;
      if (savings <= 0) {
        samePrice.push(name(database));
        continue;
      }
      const identifier = name(database);
      result.recommendations.push(
        buildRecommendation(context, {
          type: 'rds-gp2-to-gp3',
          service: RDS_SERVICE,
          accountId: database.resource.accountId,
          region,
          resourceId: database.resource.resourceId,
          resourceName: database.resource.resourceName,
          title: `Change ${identifier} storage (${database.storageGib} GiB) from gp2 to gp3`,
          rationale: `gp3 costs ${perUnit(gp3.usd, 'GB-month')} against gp2's ${perUnit(gp2.usd, 'GB-month')} here and includes a 3,000 IOPS baseline (gp2 gives ${Math.max(100, 3 * database.storageGib)}). The change is online, with no downtime.`,
          evidence: [{ name: 'allocated storage', value: database.storageGib, unit: 'GiB' }],
          current: { storageType: 'gp2', storageGib: database.storageGib },
          proposed: { storageType: 'gp3', storageGib: database.storageGib },
          currentMonthlyCost: roundUsd(gp2.usd * database.storageGib),
          estimatedMonthlySavings: roundUsd(savings),
          savingsBasis: `${database.storageGib} GiB × (${perUnit(gp2.usd, 'GB-month')} − ${perUnit(gp3.usd, 'GB-month')}) = ${usd(savings)} a month`,
          pricesUsed: [gp2, gp3],
          effort: 'low',
          risk: 'low',
          steps: {
            console: [
              `RDS console (${region}) → Databases → ${identifier} → Modify → Storage type gp3 → Apply immediately.`,
            ],
            cli: [
              `aws rds modify-db-instance --region ${region} --db-instance-identifier ${identifier} --storage-type gp3 --apply-immediately`,
            ],
          },
          tags: database.resource.tags,
        }),
      );
    }
    if (samePrice.length > 0) {
      result.notes.push(
        `RDS gp3 storage costs the same as gp2 for ${samePrice.join(', ')}: no saving, though gp3's 3,000 IOPS baseline is worth the (online) change.`,
      );
    }
    return result;
  },
};
