import { toDay } from '../../domain/index.ts';
import { ConditionFailedError, FinopsError } from '../../errors.ts';
import type { StateStore } from '../../state/index.ts';
import { RECOMMENDATION_ID_PATTERN } from '../model.ts';
import { type AuthorisationPolicy, authorise, DEFAULT_AUTHORISATION_POLICY } from './authorisation-policy.ts';
import {
  type Actor,
  type AuditRecord,
  actorSchema,
  type Decision,
  type DecisionAction,
  type DecisionScope,
  decisionActionSchema,
  type StoredRecommendation,
} from './decision-types.ts';
import {
  appendAudit,
  auditOperation,
  effectiveStatus,
  parseStored,
  RECOMMENDATION_PARTITION,
  readLatestRun,
  toStateValue,
} from './recommendation-store.ts';

export interface DecideInput {
  /** As typed by a person or produced by a model: looked up, never trusted. */
  recommendationId: string;
  action: DecisionAction;
  actor: Actor;
  reason?: string | undefined;
  scope?: DecisionScope | undefined;
}

export type RefusalCode =
  | 'invalid_input'
  | 'not_found'
  | 'stale'
  | 'not_authorised'
  | 'already_decided'
  | 'invalid_transition';

export type DecisionResult =
  | { outcome: 'applied'; recommendation: StoredRecommendation; message: string }
  | { outcome: 'refused'; code: RefusalCode; message: string; recommendation?: StoredRecommendation };

export interface DecisionService {
  decide(input: DecideInput): Promise<DecisionResult>;
}

export interface DecisionServiceOptions {
  store: StateStore;
  policy?: AuthorisationPolicy;
  now?: () => Date;
}

const MAX_ATTEMPTS = 5;

/** The audit partition key for attempts whose id is not a recommendation id at all. */
export const INVALID_ID_AUDIT = '_invalid-id';
const MAX_REASON_LENGTH = 2000;

const PAST: Record<Decision['action'], string> = {
  approve: 'approved',
  dismiss: 'dismissed',
  snooze: 'snoozed',
};

function who(actor: Actor): string {
  return actor.displayName ?? actor.id;
}

/** "already approved by Maria at 2026-11-24 10:15 UTC" */
export function describeDecision(stored: StoredRecommendation): string {
  const decision = stored.decision;
  if (!decision) return `is ${stored.status}`;
  const when = `${decision.at.slice(0, 16).replace('T', ' ')} UTC`;
  const until = decision.snoozeUntil ? ` until ${decision.snoozeUntil.slice(0, 10)}` : '';
  return `${PAST[decision.action]}${until} by ${who(decision.actor)} at ${when}`;
}

function parseUntil(text: string, now: Date): string | undefined {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const time = Date.parse(value);
  if (Number.isNaN(time) || time <= now.getTime()) return undefined;
  return new Date(time).toISOString();
}

/**
 * The one place a recommendation changes state. Every path — applied or refused — leaves an
 * audit record; the state change and its audit record are written in one transaction, guarded by
 * the version the decision was made on, so concurrent clicks give exactly one winner.
 */
export function createDecisionService(options: DecisionServiceOptions): DecisionService {
  const { store } = options;
  const policy = options.policy ?? DEFAULT_AUTHORISATION_POLICY;
  const now = options.now ?? (() => new Date());

  async function refuse(
    input: DecideInput,
    code: RefusalCode,
    message: string,
    recommendation?: StoredRecommendation,
  ): Promise<DecisionResult> {
    {
      // Attempts on malformed ids are kept too, under one partition, with the id cut short.
      const wellFormed = RECOMMENDATION_ID_PATTERN.test(input.recommendationId);
      await appendAudit(store, {
        recommendationId: wellFormed ? input.recommendationId : INVALID_ID_AUDIT,
        ...(wellFormed ? {} : { attemptedId: input.recommendationId.slice(0, 200) }),
        at: now().toISOString(),
        actor: input.actor,
        action: input.action.type,
        outcome: 'refused',
        code,
        message,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(recommendation ? { fromStatus: effectiveStatus(recommendation, now()) } : {}),
        ...(input.scope ? { scope: input.scope } : {}),
      });
    }
    return { outcome: 'refused', code, message, ...(recommendation ? { recommendation } : {}) };
  }

  return {
    async decide(rawInput) {
      const actor = actorSchema.safeParse(rawInput.actor);
      const action = decisionActionSchema.safeParse(rawInput.action);
      if (!actor.success || !action.success) {
        throw new FinopsError(
          'finops_invalid_input',
          `a decision needs an actor with an id and an action of approve, dismiss, snooze (with until) or reopen: ${(actor.error ?? action.error)?.issues[0]?.message ?? 'invalid'}`,
        );
      }
      const input: DecideInput = { ...rawInput, actor: actor.data, action: action.data };
      if (!RECOMMENDATION_ID_PATTERN.test(input.recommendationId)) {
        return refuse(
          input,
          'invalid_input',
          `"${input.recommendationId.slice(0, 80)}" is not a recommendation id (they look like rec-0123456789abcdef): copy it from \`finops recommendations\`.`,
        );
      }
      if (input.reason && input.reason.length > MAX_REASON_LENGTH) {
        return refuse(
          input,
          'invalid_input',
          `The reason is longer than ${MAX_REASON_LENGTH} characters; shorten it.`,
        );
      }
      let snoozeUntil: string | undefined;
      if (input.action.type === 'snooze') {
        snoozeUntil = parseUntil(input.action.until, now());
        if (!snoozeUntil) {
          return refuse(
            input,
            'invalid_input',
            `Snooze until "${input.action.until}" is not a future date: give a day such as ${toDay(new Date(now().getTime() + 30 * 86_400_000))}.`,
          );
        }
      }

      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const item = await store.get(RECOMMENDATION_PARTITION, input.recommendationId);
        if (!item) {
          return refuse(
            input,
            'not_found',
            `No recommendation ${input.recommendationId} is stored: only recommendations the copilot produced can be decided. Run \`finops recommendations\` to list them.`,
          );
        }
        const stored = parseStored(item);
        const at = now();
        const status = effectiveStatus(stored, at);
        const latest = await readLatestRun(store);
        if (latest && stored.lastSeenAt !== latest.generatedAt && status === 'open') {
          return refuse(
            input,
            'stale',
            `${stored.recommendation.title} no longer applies: the latest run (${latest.generatedAt.slice(0, 10)}) did not find it again.`,
            stored,
          );
        }
        const permission = authorise(policy, {
          actor: input.actor,
          recommendation: stored.recommendation,
          action: input.action,
          scope: input.scope,
        });
        if (!permission.allowed) return refuse(input, 'not_authorised', permission.message, stored);

        let next: StoredRecommendation;
        if (input.action.type === 'reopen') {
          if (status === 'open') {
            return refuse(
              input,
              'invalid_transition',
              `${stored.recommendation.title} is already open.`,
              stored,
            );
          }
          if (status === 'approved' && permission.as === 'owner-tag') {
            return refuse(
              input,
              'not_authorised',
              `Only approvers may reopen an approved recommendation: it was ${describeDecision(stored)}.`,
              stored,
            );
          }
          const { decision: _previous, ...rest } = stored;
          next = {
            ...rest,
            status: 'open',
            recommendation: { ...stored.recommendation, status: 'open' },
            reopened: { at: at.toISOString(), reason: input.reason ?? 'reopened', by: input.actor.id },
          };
        } else {
          if (status !== 'open') {
            return refuse(
              input,
              'already_decided',
              `Already ${describeDecision(stored)}${stored.decision?.reason ? ` (“${stored.decision.reason}”)` : ''}.`,
              stored,
            );
          }
          const decision: Decision = {
            action: input.action.type,
            actor: input.actor,
            at: at.toISOString(),
            ...(input.reason ? { reason: input.reason } : {}),
            ...(snoozeUntil ? { snoozeUntil } : {}),
            savingsAtDecision: stored.recommendation.estimatedMonthlySavings,
          };
          const newStatus = PAST[input.action.type] as StoredRecommendation['status'];
          next = {
            ...stored,
            status: newStatus,
            recommendation: { ...stored.recommendation, status: newStatus },
            decision,
          };
        }
        const audit: AuditRecord = {
          recommendationId: input.recommendationId,
          at: at.toISOString(),
          actor: input.actor,
          action: input.action.type,
          outcome: 'applied',
          message:
            input.action.type === 'reopen'
              ? `Reopened by ${who(input.actor)}.`
              : `${PAST[input.action.type][0]?.toUpperCase()}${PAST[input.action.type].slice(1)}${snoozeUntil ? ` until ${snoozeUntil.slice(0, 10)}` : ''} by ${who(input.actor)}.`,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(snoozeUntil ? { snoozeUntil } : {}),
          fromStatus: status,
          toStatus: next.status,
          ...(input.scope ? { scope: input.scope } : {}),
          authorisedAs: permission.as,
        };
        try {
          await store.transact([
            {
              type: 'put',
              partition: RECOMMENDATION_PARTITION,
              sort: input.recommendationId,
              value: toStateValue(next),
              condition: { kind: 'version', version: item.version },
            },
            auditOperation(audit),
          ]);
          return { outcome: 'applied', recommendation: next, message: audit.message };
        } catch (error) {
          // Someone else wrote first: read again; the next pass reports their decision or retries a run's update.
          if (!(error instanceof ConditionFailedError)) throw error;
        }
      }
      throw new FinopsError(
        'finops_state_error',
        `recommendation ${input.recommendationId} kept changing while deciding (${MAX_ATTEMPTS} attempts); try again`,
        { isRetryable: true },
      );
    },
  };
}
