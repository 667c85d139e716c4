import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Actor, DecisionResult, StoredRecommendation } from '../../src/recommendations/index.ts';
import { toRecommendationSummary } from '../../src/recommendations/index.ts';
import { readAnswerPage } from './answer-pages.ts';
import type { ChannelPacer } from './channel-pacer.ts';
import {
  ACTIONS,
  type Block,
  cardBlockId,
  DISMISS_MODAL_CALLBACK,
  DISMISS_MODAL_FIELDS,
  isSnoozeChoice,
  parseShowMoreValue,
  renderDecidedCard,
  renderDismissModal,
  renderMoreRecommendations,
  toDecisionView,
} from './render/index.ts';
import { describeError } from './slack-api-errors.ts';
import type { SlackAppDependencies, SlackLog } from './slack-app-dependencies.ts';
import { explainGroupLookupFailure, type UserGroupLookup } from './user-groups.ts';

/** The parts of a block_actions payload the app uses (docs.slack.dev reference/interaction-payloads/block_actions-payload). */
const blockActionSchema = z.object({
  user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }),
  team: z.object({ id: z.string() }).nullable().optional(),
  channel: z.object({ id: z.string() }).optional(),
  trigger_id: z.string().optional(),
  container: z
    .object({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  message: z
    .object({
      ts: z.string(),
      text: z.string().optional(),
      thread_ts: z.string().optional(),
      blocks: z.array(z.record(z.string(), z.unknown())).default([]),
    })
    .optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});
type BlockActionBody = z.infer<typeof blockActionSchema>;

/** Modal context: which card of which message; the message's blocks wait in the StateStore under `key`. */
const dismissContextSchema = z.object({
  id: z.string(),
  channel: z.string(),
  ts: z.string(),
  key: z.string(),
});
const DISMISS_PARTITION = 'slack-dismiss';
const DISMISS_TTL_SECONDS = 24 * 60 * 60;

const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }),
  team: z.object({ id: z.string() }).nullable().optional(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
    }),
  }),
});

export interface InteractionOptions {
  deps: SlackAppDependencies;
  pacer: ChannelPacer;
  /** Present when the policy names Slack user groups: the clicking user's groups go to decide(). */
  userGroups?: UserGroupLookup | undefined;
}

/** The clicking user as decide() sees them, and the group lookup's error if it failed. */
async function actorOf(
  user: BlockActionBody['user'],
  userGroups: UserGroupLookup | undefined,
): Promise<{ actor: Actor; groupLookupError?: string }> {
  const name = user.username ?? user.name;
  const actor: Actor = { id: user.id, ...(name ? { displayName: name } : {}), platform: 'slack' };
  if (!userGroups) return { actor };
  const found = await userGroups.groupsOf(user.id);
  const withGroups: Actor = found.groups.length > 0 ? { ...actor, groups: found.groups } : actor;
  return found.ok ? { actor: withGroups } : { actor: withGroups, groupLookupError: found.error };
}

/** decide()'s refusal, plus why group membership was not counted when the lookup failed. */
function refusalText(result: DecisionResult, groupLookupError: string | undefined): string {
  if (result.outcome !== 'refused') return '';
  return groupLookupError && result.code === 'not_authorised'
    ? `${result.message} ${explainGroupLookupFailure(groupLookupError)}`
    : result.message;
}

/** The message's blocks with this recommendation's card replaced by its decided form. */
export function replaceCard(
  blocks: readonly Record<string, unknown>[],
  stored: StoredRecommendation,
): Block[] | undefined {
  const prefix = cardBlockId(stored.recommendation.id);
  const isCard = (block: Record<string, unknown>) =>
    typeof block.block_id === 'string' &&
    (block.block_id === prefix || block.block_id.startsWith(`${prefix}_`));
  const first = blocks.findIndex(isCard);
  if (first < 0 || !stored.decision) return undefined;
  const decided = renderDecidedCard(toRecommendationSummary(stored), toDecisionView(stored.decision));
  const rest = blocks.filter((block, index) => index < first || !isCard(block));
  // The other blocks are Slack's own echo of a message this app posted, so they are valid blocks already.
  const kept = rest as unknown as Block[];
  return [...kept.slice(0, first), ...decided, ...kept.slice(first)];
}

export function registerInteractions(app: App, options: InteractionOptions): void {
  const { deps, pacer, userGroups } = options;
  const log: SlackLog = deps.log ?? (() => {});
  const clock = deps.clock ?? (() => new Date());

  async function updateCard(
    client: WebClient,
    channel: string,
    ts: string,
    text: string,
    blocks: readonly Record<string, unknown>[],
    stored: StoredRecommendation,
  ): Promise<void> {
    const replaced = replaceCard(blocks, stored);
    if (!replaced) return;
    await pacer.run(channel, () => client.chat.update({ channel, ts, text, blocks: replaced }));
  }

  async function tellUser(client: WebClient, channel: string | undefined, user: string, text: string) {
    if (!channel) return;
    await pacer.run(channel, () => client.chat.postEphemeral({ channel, user, text }));
  }

  async function afterDecision(
    client: WebClient,
    body: BlockActionBody,
    result: DecisionResult,
    groupLookupError: string | undefined,
  ): Promise<void> {
    const channel = body.container?.channel_id ?? body.channel?.id;
    const message = body.message;
    const stored = result.recommendation;
    // Applied, or already decided by someone else: either way the card should stop offering buttons.
    if (channel && message && stored?.decision) {
      await updateCard(client, channel, message.ts, message.text ?? 'FinOps Copilot', message.blocks, stored);
    }
    if (result.outcome === 'refused')
      await tellUser(client, channel, body.user.id, refusalText(result, groupLookupError));
  }

  app.action(ACTIONS.approve, async ({ ack, body, client }) => {
    await ack();
    const reference = randomUUID().slice(0, 8);
    try {
      const parsed = blockActionSchema.parse(body);
      const recommendationId = parsed.actions[0]?.value ?? '';
      const { actor, groupLookupError } = await actorOf(parsed.user, userGroups);
      const result = await deps.recommendations.decide({
        recommendationId,
        action: { type: 'approve' },
        actor,
        scope: {
          ...(parsed.team?.id ? { workspace: parsed.team.id } : {}),
          ...(parsed.channel?.id ? { channel: parsed.channel.id } : {}),
        },
      });
      log({
        level: 'info',
        event: 'slack.approve',
        recommendationId: recommendationId.slice(0, 80),
        outcome: result.outcome,
        ...(result.outcome === 'refused' ? { code: result.code } : {}),
      });
      await afterDecision(client, parsed, result, groupLookupError);
    } catch (error) {
      log({ level: 'error', event: 'slack.approve_failed', reference, ...describeError(error) });
    }
  });

  app.action(ACTIONS.dismiss, async ({ ack, body, client }) => {
    await ack();
    const reference = randomUUID().slice(0, 8);
    try {
      const parsed = blockActionSchema.parse(body);
      const recommendationId = parsed.actions[0]?.value ?? '';
      const channel = parsed.container?.channel_id ?? parsed.channel?.id;
      const stored = (await deps.recommendations.list()).find(
        (item) => item.recommendation.id === recommendationId,
      );
      if (!stored || !channel || !parsed.message || !parsed.trigger_id) {
        await tellUser(
          client,
          channel,
          parsed.user.id,
          'That recommendation is no longer stored, so it cannot be dismissed from here.',
        );
        return;
      }
      const key = randomUUID();
      await deps.stateStore.put({
        partition: DISMISS_PARTITION,
        sort: key,
        value: { text: parsed.message.text ?? '', blocks: JSON.parse(JSON.stringify(parsed.message.blocks)) },
        expiresAt: Math.floor(clock().getTime() / 1000) + DISMISS_TTL_SECONDS,
      });
      await client.views.open({
        trigger_id: parsed.trigger_id,
        view: renderDismissModal({
          recommendationId,
          title: stored.recommendation.title,
          privateMetadata: JSON.stringify({ id: recommendationId, channel, ts: parsed.message.ts, key }),
        }),
      });
    } catch (error) {
      log({ level: 'error', event: 'slack.dismiss_failed', reference, ...describeError(error) });
    }
  });

  app.view(DISMISS_MODAL_CALLBACK, async ({ ack, body, client }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const context = parsed.success
      ? dismissContextSchema.safeParse(safeJson(parsed.data.view.private_metadata))
      : undefined;
    if (!parsed.success || !context?.success) {
      await ack({
        response_action: 'errors',
        errors: { [DISMISS_MODAL_FIELDS.reason.blockId]: 'This dialog has expired; click Dismiss again.' },
      });
      return;
    }
    const { values } = parsed.data.view.state;
    const reason = readInput(values, DISMISS_MODAL_FIELDS.reason);
    const snooze = readInput(values, DISMISS_MODAL_FIELDS.snooze) ?? 'none';
    const days = isSnoozeChoice(snooze) && snooze !== 'none' ? Number(snooze) : undefined;
    const until = days
      ? new Date(clock().getTime() + days * 86_400_000).toISOString().slice(0, 10)
      : undefined;
    const { id, channel, ts, key } = context.data;
    const { actor, groupLookupError } = await actorOf(parsed.data.user, userGroups);
    const result = await deps.recommendations.decide({
      recommendationId: id,
      action: until ? { type: 'snooze', until } : { type: 'dismiss' },
      actor,
      reason: reason?.trim() || undefined,
      scope: {
        ...(parsed.data.team?.id ? { workspace: parsed.data.team.id } : {}),
        channel,
      },
    });
    log({
      level: 'info',
      event: 'slack.dismiss',
      recommendationId: id.slice(0, 80),
      outcome: result.outcome,
      ...(result.outcome === 'refused' ? { code: result.code } : {}),
    });
    if (result.outcome === 'refused' && result.code !== 'already_decided') {
      // Shown in the dialog itself, next to the reason; nothing has changed.
      await ack({
        response_action: 'errors',
        errors: {
          [DISMISS_MODAL_FIELDS.reason.blockId]: refusalText(result, groupLookupError).slice(0, 2000),
        },
      });
      return;
    }
    await ack();
    try {
      const saved = await deps.stateStore.get(DISMISS_PARTITION, key);
      const message = z
        .object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())) })
        .safeParse(saved?.value);
      if (message.success && result.recommendation) {
        await updateCard(
          client,
          channel,
          ts,
          message.data.text || 'FinOps Copilot',
          message.data.blocks,
          result.recommendation,
        );
      }
      if (result.outcome === 'refused') await tellUser(client, channel, parsed.data.user.id, result.message);
      await deps.stateStore.delete({ partition: DISMISS_PARTITION, sort: key });
    } catch (error) {
      log({ level: 'error', event: 'slack.dismiss_update_failed', ...describeError(error) });
    }
  });

  app.action(ACTIONS.details, async ({ ack, body, client }) => {
    await ack();
    try {
      const parsed = blockActionSchema.parse(body);
      const recommendationId = parsed.actions[0]?.value ?? '';
      const channel = parsed.container?.channel_id ?? parsed.channel?.id;
      const stored = (await deps.recommendations.list()).find(
        (item) => item.recommendation.id === recommendationId,
      );
      const text = stored ? detailsText(stored) : 'That recommendation is no longer stored.';
      await tellUser(client, channel, parsed.user.id, text);
    } catch (error) {
      log({ level: 'error', event: 'slack.details_failed', ...describeError(error) });
    }
  });

  app.action(ACTIONS.showMore, async ({ ack, body, client }) => {
    await ack();
    try {
      const parsed = blockActionSchema.parse(body);
      const channel = parsed.container?.channel_id ?? parsed.channel?.id;
      const page = parseShowMoreValue(parsed.actions[0]?.value ?? '');
      const recommendations = page ? await readAnswerPage(deps.stateStore, page.key) : undefined;
      if (!channel || !page || !recommendations) {
        await tellUser(
          client,
          channel,
          parsed.user.id,
          'Those recommendations are no longer stored; ask again to see them.',
        );
        return;
      }
      const stored = new Map(
        (await deps.recommendations.list()).map((item) => [item.recommendation.id, item]),
      );
      const decisions = new Map(
        recommendations.flatMap((summary) => {
          const decision = stored.get(summary.id)?.decision;
          return decision ? [[summary.id, toDecisionView(decision)] as const] : [];
        }),
      );
      const threadTs = parsed.message?.thread_ts ?? parsed.message?.ts;
      for (const message of renderMoreRecommendations(recommendations, {
        key: page.key,
        offset: page.offset,
        decisions,
      })) {
        await pacer.run(channel, () =>
          client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          }),
        );
      }
    } catch (error) {
      log({ level: 'error', event: 'slack.show_more_failed', ...describeError(error) });
    }
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A plain-text input's `value` or a select's `selected_option.value`, from view.state.values. */
function readInput(
  values: Record<string, Record<string, Record<string, unknown>>>,
  field: { blockId: string; actionId: string },
): string | undefined {
  const input = values[field.blockId]?.[field.actionId];
  if (!input) return undefined;
  if (typeof input.value === 'string') return input.value;
  const selected = input.selected_option as { value?: unknown } | null | undefined;
  return typeof selected?.value === 'string' ? selected.value : undefined;
}

function detailsText(stored: StoredRecommendation): string {
  const recommendation = stored.recommendation;
  const steps = recommendation.steps.console.slice(0, 5).map((step, index) => `${index + 1}. ${step}`);
  const cli = recommendation.steps.cli.slice(0, 3).map((line) => `\`${line}\``);
  return [
    `*${recommendation.title}*`,
    recommendation.rationale,
    ...(steps.length > 0 ? ['*Steps*', ...steps] : []),
    ...(cli.length > 0 ? ['*CLI*', ...cli] : []),
    `Id: \`${recommendation.id}\` · status ${stored.status}`,
  ]
    .join('\n')
    .slice(0, 3000);
}
