import type { Fact, RecommendationSummary } from '../../../src/domain/index.ts';
import { MAX_BLOCKS, MAX_SECTION_FIELD_TEXT } from './block-kit-limits.ts';
import { formatFactValue, formatUtcTime } from './format-values.ts';
import { escapeAndTruncate } from './mrkdwn.ts';
import { type DecisionView, renderDecidedCard, renderRecommendationCard } from './recommendation-card.ts';
import type { Block, HomeView } from './slack-types.ts';

/** Cards on the Home tab; the rest are counted and left to `/finops recommendations`. */
export const HOME_MAX_CARDS = 15;

export interface AppHomeInput {
  monthToDate: Fact;
  forecast?: Fact | undefined;
  /** The forecast's interval, e.g. the 80 % bounds; shown as "low – high" under the facts' labels. */
  forecastInterval?: { low: Fact; high: Fact } | undefined;
  topRecommendations: readonly RecommendationSummary[];
  /** ISO time the figures were computed. */
  asOf: string;
  decisions?: ReadonlyMap<string, DecisionView> | undefined;
}

function field(label: string, value: string) {
  return {
    type: 'mrkdwn' as const,
    text: `*${escapeAndTruncate(label, 200)}*\n${escapeAndTruncate(value, MAX_SECTION_FIELD_TEXT - 210)}`,
  };
}

/** The App Home tab: this month's spend and forecast, then the top open recommendations as cards. */
export function renderAppHome(input: AppHomeInput): HomeView {
  const fields = [field(input.monthToDate.label, formatFactValue(input.monthToDate))];
  if (input.forecast) fields.push(field(input.forecast.label, formatFactValue(input.forecast)));
  if (input.forecastInterval) {
    const { low, high } = input.forecastInterval;
    fields.push(field('Likely range', `${formatFactValue(low)} – ${formatFactValue(high)}`));
  }
  const asOf = formatUtcTime(input.asOf) ?? escapeAndTruncate(input.asOf, 40);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'FinOps Copilot' } },
    { type: 'section', fields },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `As of ${asOf} · ask me anything with \`/finops <question>\`` }],
    },
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Top open recommendations' } },
  ];

  const seen = new Set<string>();
  const recommendations = input.topRecommendations.filter((item) => !seen.has(item.id) && seen.add(item.id));
  if (recommendations.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'No open recommendations right now.' } });
    return { type: 'home', blocks };
  }
  // Room for the trailing "N more" line: a Home tab holds 100 blocks.
  const room = MAX_BLOCKS.home - 1;
  let shown = 0;
  for (const recommendation of recommendations.slice(0, HOME_MAX_CARDS)) {
    const decision = input.decisions?.get(recommendation.id);
    const card = decision
      ? renderDecidedCard(recommendation, decision)
      : renderRecommendationCard(recommendation);
    if (blocks.length + card.length + 1 > room) break;
    blocks.push(...card, { type: 'divider' });
    shown += 1;
  }
  const remaining = recommendations.length - shown;
  if (remaining > 0) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${remaining} more not shown here: type \`/finops recommendations\` to see them.`,
        },
      ],
    });
  }
  return { type: 'home', blocks };
}
