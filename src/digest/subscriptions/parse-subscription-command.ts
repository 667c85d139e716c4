import { toDay } from '../../domain/index.ts';
import type { Catalog } from '../../questions/parse/index.ts';
import { parseQuestion } from '../../questions/parse/index.ts';
import { statesPeriod } from '../../questions/parse/stated-period.ts';
import type { DigestScope, DigestTiming, Weekday } from './subscription.ts';
import { WEEKDAYS } from './subscription.ts';

/** What a user asked for after `/finops digest`, ready for the subscription store. */
export type SubscriptionCommand =
  | { kind: 'subscribe'; timing: DigestTiming; scope: DigestScope }
  | { kind: 'list' }
  | { kind: 'pause' | 'resume' | 'unsubscribe'; id?: string | undefined }
  | { kind: 'change'; id: string; timing: DigestTiming; scope?: DigestScope | undefined };

export type ParsedSubscriptionCommand =
  | { ok: true; command: SubscriptionCommand }
  | { ok: false; message: string };

export interface ParseSubscriptionCommandOptions {
  /** Scope names ("team=payments", "account prod") are resolved against the data's catalog. */
  catalog: Catalog;
  /** The current UTC day, YYYY-MM-DD; the question parser needs one. Default: today. */
  today?: string | undefined;
}

export const DIGEST_USAGE = [
  '`/finops digest weekly mon 09:00 Europe/Berlin [for team=payments | account prod]`',
  '`/finops digest daily 08:30 UTC`',
  '`/finops digest list`',
  '`/finops digest pause [id]`, `resume [id]`, `unsubscribe [id]`',
  '`/finops digest change <id> weekly fri 16:00 America/New_York`',
].join(', ');

const ALL_SCOPE: DigestScope = { label: 'all accounts', filters: [] };

const WEEKDAY_NAMES: Record<string, Weekday> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

function failure(message: string): ParsedSubscriptionCommand {
  return { ok: false, message };
}

/**
 * Parses what a user types after `/finops digest`. Never throws on user input: every problem is
 * a message that says what was expected, with an example.
 */
export function parseSubscriptionCommand(
  text: string,
  options: ParseSubscriptionCommandOptions,
): ParsedSubscriptionCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  const verb = first?.toLowerCase();
  if (verb === undefined) return failure(`say how often and when, e.g. ${DIGEST_USAGE}`);
  if (verb === 'list') {
    return rest.length === 0
      ? { ok: true, command: { kind: 'list' } }
      : failure('`list` takes nothing after it');
  }
  if (verb === 'pause' || verb === 'resume' || verb === 'unsubscribe') {
    if (rest.length > 1) return failure(`\`${verb}\` takes at most one subscription id (see \`list\`)`);
    return { ok: true, command: { kind: verb, ...(rest[0] !== undefined ? { id: rest[0] } : {}) } };
  }
  if (verb === 'change') {
    const [id, ...schedule] = rest;
    if (id === undefined || schedule.length === 0) {
      return failure(
        '`change` needs a subscription id and the new schedule, e.g. `change d1a2b3c4 weekly fri 16:00 America/New_York`',
      );
    }
    const parsed = parseSchedule(schedule, options);
    if (!parsed.ok) return parsed;
    return {
      ok: true,
      command: {
        kind: 'change',
        id,
        timing: parsed.timing,
        ...(parsed.scope ? { scope: parsed.scope } : {}),
      },
    };
  }
  if (verb === 'weekly' || verb === 'daily') {
    const parsed = parseSchedule(words, options);
    if (!parsed.ok) return parsed;
    return {
      ok: true,
      command: { kind: 'subscribe', timing: parsed.timing, scope: parsed.scope ?? ALL_SCOPE },
    };
  }
  return failure(`I don't know '${first}' here; try ${DIGEST_USAGE}`);
}

type ParsedSchedule =
  | { ok: true; timing: DigestTiming; scope?: DigestScope | undefined }
  | { ok: false; message: string };

function parseSchedule(words: string[], options: ParseSubscriptionCommandOptions): ParsedSchedule {
  const forAt = words.findIndex((word) => word.toLowerCase() === 'for');
  const head = forAt === -1 ? words : words.slice(0, forAt);
  const scopeWords = forAt === -1 ? [] : words.slice(forAt + 1);
  const [cadenceWord, ...timingWords] = head;
  const cadence = cadenceWord?.toLowerCase();
  if (cadence !== 'weekly' && cadence !== 'daily') {
    return { ok: false, message: `say \`weekly\` or \`daily\` first, got '${cadenceWord ?? ''}'` };
  }
  let weekday: Weekday | undefined;
  if (cadence === 'weekly') {
    const dayWord = timingWords.shift();
    weekday = dayWord === undefined ? undefined : toWeekday(dayWord);
    if (weekday === undefined) {
      return {
        ok: false,
        message: `a weekly digest needs a weekday (${WEEKDAYS.join(', ')}) before the time, got '${dayWord ?? 'nothing'}'; e.g. \`weekly mon 09:00 Europe/Berlin\``,
      };
    }
  }
  const [timeWord, zoneWord, ...extra] = timingWords;
  const time = timeWord === undefined ? undefined : toTime(timeWord);
  if (time === undefined) {
    return {
      ok: false,
      message: `the time must be a 24-hour time written HH:MM (00:00 to 23:59), got '${timeWord ?? 'nothing'}'; e.g. \`${cadence}${weekday ? ` ${weekday}` : ''} 09:00 Europe/Berlin\``,
    };
  }
  if (zoneWord === undefined) {
    return {
      ok: false,
      message: `add a time zone after the time, e.g. \`${time} Europe/Berlin\`, \`${time} America/New_York\` or \`${time} UTC\``,
    };
  }
  const timeZone = canonicalTimeZone(zoneWord);
  if (timeZone === undefined) {
    return {
      ok: false,
      message: `unknown time zone '${zoneWord}': use an IANA name such as Europe/Berlin, America/New_York, Asia/Tokyo or UTC`,
    };
  }
  if (extra.length > 0) {
    return {
      ok: false,
      message: `I don't know '${extra.join(' ')}' here; put a scope after \`for\`, e.g. \`for team=payments\` or \`for account prod\``,
    };
  }
  const timing: DigestTiming = { cadence, ...(weekday ? { weekday } : {}), time, timeZone };
  if (forAt === -1) return { ok: true, timing };
  const scope = parseScope(scopeWords.join(' '), options);
  return scope.ok ? { ok: true, timing, scope: scope.scope } : scope;
}

function toWeekday(word: string): Weekday | undefined {
  const lower = word.toLowerCase();
  return (WEEKDAYS as readonly string[]).includes(lower) ? (lower as Weekday) : WEEKDAY_NAMES[lower];
}

/** Accepts 9:00 as well as 09:00 and returns HH:MM. */
function toTime(word: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The time zone's canonical spelling ("europe/berlin" → "Europe/Berlin"), or undefined when unknown. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

type ParsedScope = { ok: true; scope: DigestScope } | { ok: false; message: string };

/**
 * Scope words are read by the question parser as "cost for <words>", so names resolve exactly as
 * they do in questions (ids, names, tags, typos) and every filter value exists in the data.
 */
function parseScope(words: string, options: ParseSubscriptionCommandOptions): ParsedScope {
  const label = words.trim();
  if (label === '') {
    return {
      ok: false,
      message: 'say what the digest covers after `for`, e.g. `for team=payments` or `for account prod`',
    };
  }
  const today = options.today ?? toDay(new Date());
  const question = `cost for ${label}`;
  if (statesPeriod(question, today)) {
    return {
      ok: false,
      message: `a digest scope names accounts, tags, services or regions, not a period ('${label}'): the period is set by the cadence`,
    };
  }
  const parsed = parseQuestion(question, { today, catalog: options.catalog });
  if (parsed.intent === 'clarify' || parsed.intent === 'help') {
    return {
      ok: false,
      message: `I can't tell what '${label}' covers: ${parsed.clarification?.reason ?? 'it is not a service, account, region or tag in the data'}`,
    };
  }
  if (parsed.intent !== 'total' || parsed.groupBy !== undefined || parsed.limit !== undefined) {
    return {
      ok: false,
      message: `a digest scope is a filter such as \`team=payments\` or \`account prod\`, not a question ('${label}')`,
    };
  }
  return { ok: true, scope: { label, filters: parsed.filters } };
}
