export type { DigestLog } from './digest-log.ts';
export {
  createDigestScheduler,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from './digest-scheduler.ts';
export {
  digestCron,
  digestPeriod,
  formatNextRun,
  latestSlotAtOrBefore,
  localDay,
  nextRunAfter,
} from './digest-slots.ts';
export {
  DEFAULT_LEASE_MS,
  type DigestOutcome,
  type DigestOutcomeKind,
  type DigestRunRecord,
  type DigestRunStatus,
  MAX_ATTEMPTS,
  type RunDueDigestsOptions,
  runDueDigests,
  runKey,
  runPartition,
} from './run-due-digests.ts';
