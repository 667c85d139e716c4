import { createHash, randomBytes } from 'node:crypto';
import type { CostFilter } from '../../domain/index.ts';
import { ConditionFailedError, FinopsError } from '../../errors.ts';
import type { StateStore, StateValue, WriteOperation } from '../../state/index.ts';
import type { ChannelRef, DigestScope, DigestTiming, Subscription } from './subscription.ts';
import { subscriptionSchema } from './subscription.ts';

/**
 * All subscriptions live in one partition, so the scheduler reads them with one query (a few
 * hundred small items). Next to each subscription (`sub#<id>`) sits a claim (`key#<hash>`) on
 * its identity — channel, cadence and scope — written in the same transaction with an `absent`
 * condition: two people subscribing the same channel to the same digest at once get one
 * subscription, not two.
 */
export const SUBSCRIPTIONS_PARTITION = 'digest#subscriptions';
const SUBSCRIPTION_PREFIX = 'sub#';
const CLAIM_PREFIX = 'key#';
const MAX_ATTEMPTS = 5;

export interface SubscribeInput {
  channel: ChannelRef;
  timing: DigestTiming;
  scope: DigestScope;
  createdBy: string;
}

export interface SubscribeResult {
  subscription: Subscription;
  /** False when the channel already had this cadence and scope: its timing was updated instead. */
  created: boolean;
}

export interface SubscriptionChange {
  timing: DigestTiming;
  scope?: DigestScope | undefined;
}

export interface SubscriptionStore {
  /** One channel may hold several subscriptions; the same channel, cadence and scope again updates it. */
  subscribe(input: SubscribeInput): Promise<SubscribeResult>;
  list(channel: ChannelRef): Promise<Subscription[]>;
  listAll(): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
  /** Without an id, the channel's only subscription; with one, it must belong to the channel. */
  pause(channel: ChannelRef, id?: string): Promise<Subscription>;
  resume(channel: ChannelRef, id?: string): Promise<Subscription>;
  unsubscribe(channel: ChannelRef, id?: string): Promise<Subscription>;
  change(channel: ChannelRef, id: string, change: SubscriptionChange): Promise<Subscription>;
}

export interface SubscriptionStoreOptions {
  now?: (() => Date) | undefined;
  /** Short ids people can type (`pause 3f9a1c2e`); default 8 random hex digits. */
  generateId?: (() => string) | undefined;
}

export function createSubscriptionStore(
  stateStore: StateStore,
  options: SubscriptionStoreOptions = {},
): SubscriptionStore {
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? (() => randomBytes(4).toString('hex'));

  async function readItem(id: string) {
    const item = await stateStore.get(SUBSCRIPTIONS_PARTITION, `${SUBSCRIPTION_PREFIX}${id}`);
    return item === undefined
      ? undefined
      : { subscription: toSubscription(item.value), version: item.version };
  }

  async function listAll(): Promise<Subscription[]> {
    const subscriptions: Subscription[] = [];
    let cursor: string | undefined;
    do {
      const page = await stateStore.query(SUBSCRIPTIONS_PARTITION, {
        sortPrefix: SUBSCRIPTION_PREFIX,
        limit: 1000,
        cursor,
      });
      for (const item of page.items) subscriptions.push(toSubscription(item.value));
      cursor = page.cursor;
    } while (cursor !== undefined);
    return subscriptions;
  }

  async function list(channel: ChannelRef): Promise<Subscription[]> {
    return (await listAll()).filter((subscription) => isInChannel(subscription, channel));
  }

  /** Reads, applies `update` and writes with a version condition, retrying when someone wrote in between. */
  async function update(
    channel: ChannelRef,
    id: string | undefined,
    apply: (subscription: Subscription) => Subscription,
  ): Promise<Subscription> {
    for (let attempt = 1; ; attempt += 1) {
      const target = await resolveTarget(channel, id);
      const current = await readItem(target.id);
      if (current === undefined) throw notFound(channel, target.id);
      const next = subscriptionSchema.parse({
        ...apply(current.subscription),
        updatedAt: now().toISOString(),
      });
      const oldClaim = claimSort(current.subscription);
      const newClaim = claimSort(next);
      const operations: WriteOperation[] = [
        {
          type: 'put',
          partition: SUBSCRIPTIONS_PARTITION,
          sort: `${SUBSCRIPTION_PREFIX}${next.id}`,
          value: toValue(next),
          condition: { kind: 'version', version: current.version },
        },
      ];
      if (oldClaim !== newClaim) {
        operations.push(
          { type: 'delete', partition: SUBSCRIPTIONS_PARTITION, sort: oldClaim },
          {
            type: 'put',
            partition: SUBSCRIPTIONS_PARTITION,
            sort: newClaim,
            value: { id: next.id },
            condition: { kind: 'absent' },
          },
        );
      }
      try {
        await stateStore.transact(operations);
        return next;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.sort === newClaim && oldClaim !== newClaim) {
          const holder = await stateStore.get(SUBSCRIPTIONS_PARTITION, newClaim);
          throw new FinopsError(
            'finops_invalid_input',
            `this channel already has a ${next.cadence} digest for ${next.scope.label}${holder ? ` (${String(holder.value.id)})` : ''}; change or unsubscribe that one instead`,
          );
        }
        if (attempt >= MAX_ATTEMPTS) throw contention(error);
      }
    }
  }

  async function resolveTarget(channel: ChannelRef, id: string | undefined): Promise<Subscription> {
    if (id !== undefined) {
      const found = await readItem(id);
      if (found === undefined || !isInChannel(found.subscription, channel)) throw notFound(channel, id);
      return found.subscription;
    }
    const inChannel = await list(channel);
    const only = inChannel[0];
    if (only === undefined) throw notFound(channel, undefined);
    if (inChannel.length > 1) {
      throw new FinopsError(
        'finops_invalid_input',
        `this channel has ${inChannel.length} digest subscriptions (${inChannel
          .map((subscription) => `${subscription.id}: ${describeSubscription(subscription)}`)
          .join('; ')}); say which one by its id`,
      );
    }
    return only;
  }

  return {
    async subscribe(input) {
      for (let attempt = 1; ; attempt += 1) {
        const identity = { ...input.channel, cadence: input.timing.cadence, scope: input.scope };
        const claim = claimSort(identity);
        const existing = await stateStore.get(SUBSCRIPTIONS_PARTITION, claim);
        if (existing !== undefined) {
          const subscription = await update(input.channel, String(existing.value.id), (current) => ({
            ...withTiming(current, input.timing),
            scope: input.scope,
            paused: false,
          }));
          return { subscription, created: false };
        }
        const at = now().toISOString();
        const subscription = subscriptionSchema.parse({
          id: generateId(),
          ...input.channel,
          ...input.timing,
          scope: input.scope,
          paused: false,
          createdBy: input.createdBy,
          createdAt: at,
          updatedAt: at,
        });
        try {
          await stateStore.transact([
            {
              type: 'put',
              partition: SUBSCRIPTIONS_PARTITION,
              sort: `${SUBSCRIPTION_PREFIX}${subscription.id}`,
              value: toValue(subscription),
              condition: { kind: 'absent' },
            },
            {
              type: 'put',
              partition: SUBSCRIPTIONS_PARTITION,
              sort: claim,
              value: { id: subscription.id },
              condition: { kind: 'absent' },
            },
          ]);
          return { subscription, created: true };
        } catch (error) {
          // Someone claimed the same identity (the next attempt updates theirs) or the id collided.
          if (!(error instanceof ConditionFailedError)) throw error;
          if (attempt >= MAX_ATTEMPTS) throw contention(error);
        }
      }
    },
    list,
    listAll,
    async get(id) {
      return (await readItem(id))?.subscription;
    },
    pause: (channel, id) => update(channel, id, (current) => ({ ...current, paused: true })),
    resume: (channel, id) => update(channel, id, (current) => ({ ...current, paused: false })),
    async unsubscribe(channel, id) {
      for (let attempt = 1; ; attempt += 1) {
        const target = await resolveTarget(channel, id);
        const current = await readItem(target.id);
        if (current === undefined) throw notFound(channel, target.id);
        try {
          await stateStore.transact([
            {
              type: 'delete',
              partition: SUBSCRIPTIONS_PARTITION,
              sort: `${SUBSCRIPTION_PREFIX}${target.id}`,
              condition: { kind: 'version', version: current.version },
            },
            { type: 'delete', partition: SUBSCRIPTIONS_PARTITION, sort: claimSort(current.subscription) },
          ]);
          return current.subscription;
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error;
          if (attempt >= MAX_ATTEMPTS) throw contention(error);
        }
      }
    },
    change: (channel, id, change) =>
      update(channel, id, (current) => ({
        ...withTiming(current, change.timing),
        ...(change.scope ? { scope: change.scope } : {}),
      })),
  };
}

function withTiming(subscription: Subscription, timing: DigestTiming): Subscription {
  const { weekday: _dropped, ...rest } = subscription;
  return { ...rest, ...timing };
}

function isInChannel(subscription: Subscription, channel: ChannelRef): boolean {
  return (
    subscription.platform === channel.platform &&
    subscription.workspace === channel.workspace &&
    subscription.channel === channel.channel
  );
}

/** The identity of a subscription: two with the same claim are the same digest. */
function claimSort(identity: ChannelRef & { cadence: string; scope: DigestScope }): string {
  const filters = identity.scope.filters.map(canonicalFilter).sort();
  const key = JSON.stringify([
    identity.platform,
    identity.workspace,
    identity.channel,
    identity.cadence,
    filters,
  ]);
  return `${CLAIM_PREFIX}${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

function canonicalFilter(filter: CostFilter): string {
  return JSON.stringify(
    filter.op === 'in' || filter.op === 'not_in'
      ? [filter.dimension, filter.op, [...filter.values].sort()]
      : [filter.dimension, filter.op],
  );
}

export function describeSubscription(subscription: Subscription): string {
  const when =
    subscription.cadence === 'weekly'
      ? `weekly ${subscription.weekday ?? ''} ${subscription.time}`
      : `daily ${subscription.time}`;
  return `${when} ${subscription.timeZone} for ${subscription.scope.label}${subscription.paused ? ' (paused)' : ''}`;
}

function toValue(subscription: Subscription): StateValue {
  return JSON.parse(JSON.stringify(subscription)) as StateValue;
}

function toSubscription(value: StateValue): Subscription {
  const parsed = subscriptionSchema.safeParse(value);
  if (!parsed.success) {
    throw new FinopsError(
      'finops_state_error',
      `a stored digest subscription is not valid (${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}); unsubscribe it and subscribe again`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

function notFound(channel: ChannelRef, id: string | undefined): FinopsError {
  return new FinopsError(
    'finops_not_found',
    id === undefined
      ? `this channel (${channel.channel}) has no digest subscription; subscribe with e.g. \`/finops digest weekly mon 09:00 Europe/Berlin\``
      : `this channel (${channel.channel}) has no digest subscription '${id}'; \`/finops digest list\` shows its ids`,
  );
}

function contention(cause: ConditionFailedError): FinopsError {
  return new FinopsError(
    'finops_state_error',
    'the digest subscriptions kept changing while this change was being saved; try again',
    { cause, isRetryable: true },
  );
}
