import { FinopsError } from '../../../src/errors.ts';
import { PRICE_SOURCES } from '../../../src/pricing/index.ts';
import { formatMoney } from '../../../src/questions/index.ts';
import {
  type AuditRecord,
  createDecisionService,
  type DecisionAction,
  describeDecision,
  groupRecommendations,
  type ListFilter,
  readAudit,
  type StoredRecommendation,
} from '../../../src/recommendations/index.ts';
import type { StateStore } from '../../../src/state/index.ts';
import { openStateStore } from '../../state/open-state-store.ts';
import type { CommandContext } from '../main.ts';
import { openRuntimeWithData } from './ensure-data.ts';

const STATUSES = ['open', 'approved', 'dismissed', 'snoozed', 'all'] as const;

async function withStore<T>(context: CommandContext, work: (store: StateStore) => Promise<T>): Promise<T> {
  const store = await openStateStore(context.config.stateStore, () => context.config.now);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function parseFilter(context: CommandContext): ListFilter {
  const { status, minSavings } = context.flags;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    throw new FinopsError(
      'finops_invalid_input',
      `--status must be one of ${STATUSES.join(', ')}, not "${status}"`,
    );
  }
  let min: number | undefined;
  if (minSavings !== undefined) {
    min = Number(minSavings.replace(/^\$/, ''));
    if (!Number.isFinite(min) || min < 0) {
      throw new FinopsError(
        'finops_invalid_input',
        `--min-savings takes dollars a month, e.g. --min-savings 50 (got "${minSavings}")`,
      );
    }
  }
  return {
    ...(status ? { status: status as ListFilter['status'] } : {}),
    ...(context.flags.service ? { service: context.flags.service } : {}),
    ...(context.flags.account ? { account: context.flags.account } : {}),
    ...(context.flags.type ? { type: context.flags.type } : {}),
    ...(min !== undefined ? { minSavings: min } : {}),
  };
}

/** `finops recommendations`: run the rules, store the result (keeping decisions), list what is open. */
export async function commandRecommendations(context: CommandContext): Promise<number> {
  const filter = parseFilter(context);
  const runtime = await openRuntimeWithData(context);
  try {
    return await withStore(context, async (store) => {
      const service = runtime.recommendations(store);
      const { run } = await service.refresh();
      const listed = await service.list(filter);
      const groups = groupRecommendations(listed.map((stored) => stored.recommendation));
      const byId = new Map(listed.map((stored) => [stored.recommendation.id, stored] as const));
      const total = groups.reduce((sum, group) => sum + (group.best.estimatedMonthlySavings ?? 0), 0);
      if (context.flags.json) {
        context.out(
          JSON.stringify(
            {
              generatedAt: run.generatedAt,
              metricsWindow: run.metricsWindow,
              filter,
              totalMonthlySavings: Math.round(total * 100) / 100,
              groups: groups.map((group) => ({
                group: group.group,
                best: group.best.id,
                alternatives: group.alternatives.map((alternative) => alternative.id),
              })),
              recommendations: listed,
              notes: run.notes,
              failures: run.failures,
              priceSources: PRICE_SOURCES.map((source) => ({
                services: source.services,
                repository: source.repository,
                publicationDate: source.publicationDate,
              })),
            },
            null,
            2,
          ),
        );
        return 0;
      }
      const limit = context.flags.limit ? Number(context.flags.limit) : 25;
      const status = filter.status ?? 'open';
      const alternatives = groups.reduce((sum, group) => sum + group.alternatives.length, 0);
      context.out(
        `${listed.length} ${status === 'all' ? '' : `${status} `}recommendations in ${groups.length} groups: ${formatMoney(total)} a month if the best of each group is done${alternatives > 0 ? ` (${alternatives} alternatives not counted twice)` : ''}.`,
      );
      context.out(
        `Metrics ${run.metricsWindow.start} – ${run.metricsWindow.end} (exclusive); AWS on-demand list prices (${PRICE_SOURCES.filter(
          (source) => !source.services.every((service) => service === 'EC2 specs'),
        )
          .map((source) => `${source.services.join('/')} ${source.publicationDate}`)
          .join(', ')}).`,
      );
      for (const group of groups.slice(0, limit)) {
        const best = byId.get(group.best.id);
        if (best) context.out(`\n${formatLine(best, '')}`);
        for (const alternative of group.alternatives) {
          const stored = byId.get(alternative.id);
          if (stored) context.out(formatLine(stored, '   or '));
        }
      }
      if (groups.length > limit)
        context.out(`\n… and ${groups.length - limit} more groups (--limit N, or --json for all).`);
      for (const note of run.notes) context.out(`\nnote: ${note}`);
      for (const failure of run.failures) context.err(`rule ${failure.rule} failed: ${failure.message}`);
      context.out(
        '\nDecide with: finops decide <id> approve|dismiss|snooze --reason "…" --as <you>   ·   details: --json',
      );
      return 0;
    });
  } finally {
    runtime.close();
  }
}

function formatLine(stored: StoredRecommendation, prefix: string): string {
  const recommendation = stored.recommendation;
  const savings =
    recommendation.estimatedMonthlySavings === null
      ? 'not priced'
      : `${formatMoney(recommendation.estimatedMonthlySavings)}/mo`;
  const where = `${recommendation.accountName ?? recommendation.accountId}, ${recommendation.region}`;
  const evidence = recommendation.evidence
    .slice(0, 3)
    .map(
      (item) =>
        `${item.name} ${item.value.toLocaleString('en-US')} ${item.unit}${item.threshold ? ` (${item.threshold})` : ''}`,
    )
    .join(' · ');
  const status = stored.status === 'open' ? '' : ` [${describeDecision(stored)}]`;
  return [
    `${prefix}${savings.padStart(12)}  ${recommendation.id}  ${recommendation.title} (${where})${status}`,
    `${' '.repeat(prefix.length + 14)}${evidence}; effort ${recommendation.effort}, risk ${recommendation.risk}`,
  ].join('\n');
}

function parseAction(context: CommandContext): DecisionAction {
  const verb = context.positionals[1];
  switch (verb) {
    case 'approve':
    case 'dismiss':
    case 'reopen':
      return { type: verb };
    case 'snooze': {
      const until = context.flags.until;
      if (!until) {
        throw new FinopsError(
          'finops_invalid_input',
          'snooze needs --until YYYY-MM-DD: the day the recommendation comes back',
        );
      }
      return { type: 'snooze', until };
    }
    default:
      throw new FinopsError(
        'finops_invalid_input',
        `decide takes an id and one of approve, dismiss, snooze, reopen: finops decide rec-0123456789abcdef approve --as you@example.com`,
      );
  }
}

/** `finops decide <id> approve|dismiss|snooze|reopen --as <user> [--reason …] [--until …]`. */
export async function commandDecide(context: CommandContext): Promise<number> {
  const id = context.positionals[0];
  if (!id) {
    throw new FinopsError(
      'finops_invalid_input',
      'decide needs a recommendation id: finops decide <id> approve --as <you>',
    );
  }
  const action = parseAction(context);
  const actorId = context.flags.as;
  if (!actorId) {
    throw new FinopsError(
      'finops_invalid_input',
      'decide needs --as <user id or email>: the CLI takes your word for who you are (Slack and Teams use the verified user)',
    );
  }
  return withStore(context, async (store) => {
    const decisions = createDecisionService({
      store,
      policy: context.config.authorisation,
      now: () => context.config.now,
    });
    const result = await decisions.decide({
      recommendationId: id,
      action,
      actor: { id: actorId, ...(actorId.includes('@') ? { email: actorId } : {}), platform: 'cli' },
      reason: context.flags.reason,
    });
    if (context.flags.json) {
      context.out(JSON.stringify(result, null, 2));
    } else if (result.outcome === 'applied') {
      context.out(`${result.message} ${id}: ${result.recommendation.recommendation.title}`);
    } else {
      context.err(`Refused (${result.code}): ${result.message}`);
    }
    return result.outcome === 'applied' ? 0 : 1;
  });
}

/** `finops audit <id>`: every decision and refused attempt on one recommendation, oldest first. */
export async function commandAudit(context: CommandContext): Promise<number> {
  const id = context.positionals[0];
  if (!id)
    throw new FinopsError(
      'finops_invalid_input',
      'audit needs a recommendation id: finops audit rec-0123456789abcdef',
    );
  return withStore(context, async (store) => {
    const records = await readAudit(store, id);
    if (context.flags.json) {
      context.out(JSON.stringify(records, null, 2));
      return 0;
    }
    if (records.length === 0) {
      context.out(`No decisions or attempts recorded for ${id}.`);
      return 0;
    }
    for (const record of records) context.out(formatAudit(record));
    return 0;
  });
}

function formatAudit(record: AuditRecord): string {
  const who = record.actor.displayName ?? record.actor.id;
  const transition = record.fromStatus && record.toStatus ? ` ${record.fromStatus} → ${record.toStatus}` : '';
  const reason = record.reason ? ` reason: “${record.reason}”` : '';
  const code = record.code ? ` (${record.code})` : '';
  return `${record.at}  ${record.outcome.padEnd(7)}  ${record.action.padEnd(7)}  ${who}${transition}${code}${reason}  ${record.message}`;
}
