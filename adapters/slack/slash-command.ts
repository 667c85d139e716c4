import type { RecommendationSummary } from '../../src/domain/index.ts';
import type { StoredRecommendation } from '../../src/recommendations/index.ts';
import { renderAnswer, renderHelp, type SlackMessage } from './render/index.ts';

/** A `/finops digest …` request, for the handler the digest feature registers. */
export interface DigestCommand {
  /** Everything after `digest`, e.g. `weekly mon 09:00 Europe/Berlin`. */
  args: string;
  teamId: string;
  channelId: string;
  userId: string;
}

/** What `/finops digest …` answers: changes are announced in the channel, lists and mistakes only to the asker. */
export interface DigestReply {
  visibility: 'ephemeral' | 'in_channel';
  message: SlackMessage;
}

/** Answers `/finops digest …` within Slack's 3 s acknowledgement (createSlackDigestCommand). */
export type DigestCommandHandler = (command: DigestCommand) => Promise<DigestReply>;

export type SlashRoute =
  | { kind: 'help' }
  | { kind: 'recommendations' }
  | { kind: 'digest'; args: string }
  | { kind: 'question'; question: string };

/** `/finops` alone or `help` → help; `recommendations`; `digest …`; anything else is a question. */
export function routeSlashCommand(text: string): SlashRoute {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (trimmed.length === 0 || word === 'help' || word === '?') return { kind: 'help' };
  if ((word === 'recommendations' || word === 'recs') && rest.length === 0)
    return { kind: 'recommendations' };
  if (word === 'digest') return { kind: 'digest', args: rest.join(' ') };
  return { kind: 'question', question: trimmed };
}

export function helpMessage(): SlackMessage {
  return renderHelp();
}

/** The open recommendations, biggest saving first, as an answer with cards (more behind "show more"). */
export function recommendationsMessages(
  open: readonly StoredRecommendation[],
  summarise: (stored: StoredRecommendation) => RecommendationSummary,
  showMoreKey: string,
): { messages: SlackMessage[]; summaries: RecommendationSummary[] } {
  const summaries = [...open]
    .map(summarise)
    .sort((a, b) => b.estimatedMonthlySavings - a.estimatedMonthlySavings);
  const total = summaries.reduce((sum, item) => sum + item.estimatedMonthlySavings, 0);
  const text =
    summaries.length === 0
      ? 'There are no open recommendations.'
      : `${summaries.length} open recommendations could save about $${total.toLocaleString('en-US', { maximumFractionDigits: 0 })} a month.`;
  const messages = renderAnswer(
    {
      question: 'recommendations',
      intent: 'recommendations',
      text,
      facts: [],
      tables: [],
      charts: [],
      recommendations: summaries,
      followUps: [],
      warnings: [],
    },
    { showMoreKey },
  );
  return { messages, summaries };
}
