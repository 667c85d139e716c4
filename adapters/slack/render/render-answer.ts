import { createHash } from 'node:crypto';
import type { Answer, RecommendationSummary } from '../../../src/domain/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { ACTIONS, showMoreValue } from './action-ids.ts';
import {
  MAX_CONTEXT_ELEMENTS,
  MAX_IMAGE_ALT_TEXT,
  MAX_IMAGE_TITLE,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT,
  MAX_TEXT_OBJECT,
} from './block-kit-limits.ts';
import { formatFactValue } from './format-values.ts';
import { escapeAndTruncate, escapeMrkdwn, markdownToMrkdwn, splitText, truncate } from './mrkdwn.ts';
import { packUnits } from './pack-messages.ts';
import { type DecisionView, renderDecidedCard, renderRecommendationCard } from './recommendation-card.ts';
import type { Block, SlackMessage } from './slack-types.ts';

/** Cards shown with an answer before the rest go behind "show more". */
export const DEFAULT_MAX_CARDS = 10;

export interface ChartImage {
  /** The id `files.completeUploadExternal` returned for the uploaded PNG. */
  slackFileId: string;
  altText: string;
  title: string;
}

export interface RenderAnswerOptions {
  chart?: ChartImage | undefined;
  /** Decisions already made, by recommendation id: those cards show the decision instead of buttons. */
  decisions?: ReadonlyMap<string, DecisionView> | undefined;
  /**
   * Cards rendered with the answer (default 10). The rest are summarised by a "show more" button whose
   * value is `<showMoreKey>:<offset>`. `Infinity` renders every card, split over as many messages as needed.
   */
  maxCards?: number | undefined;
  /** The key the app stores this answer under; defaults to `answerKey(answer)`. */
  showMoreKey?: string | undefined;
}

const MAX_FACT_LABEL = 200;
/** A follow-up is a question to copy; longer ones are cut with a visible ellipsis. */
const MAX_FOLLOW_UP = 500;
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A short, stable key for an answer's recommendations: the default "show more" key. */
export function answerKey(answer: Pick<Answer, 'question' | 'recommendations'>): string {
  const hash = createHash('sha256').update(answer.question);
  for (const recommendation of answer.recommendations) hash.update(`\u0000${recommendation.id}`);
  return `a${hash.digest('hex').slice(0, 16)}`;
}

type MrkdwnText = { type: 'mrkdwn'; text: string };
const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text });

function textSections(text: string): Block[][] {
  return splitText(text, MAX_SECTION_TEXT).map((piece) => [{ type: 'section', text: mrkdwn(piece) }]);
}

/**
 * Context lines, each split to fit a text object, grouped into blocks of at most ten elements and
 * 3000 characters, so one context block never weighs more than a full section.
 */
function contextUnits(lines: readonly string[]): Block[][] {
  const units: Block[][] = [];
  let elements: MrkdwnText[] = [];
  let size = 0;
  for (const piece of lines.flatMap((line) => splitText(line, MAX_TEXT_OBJECT))) {
    if (
      elements.length === MAX_CONTEXT_ELEMENTS ||
      (elements.length > 0 && size + piece.length > MAX_TEXT_OBJECT)
    ) {
      units.push([{ type: 'context', elements }]);
      elements = [];
      size = 0;
    }
    elements.push(mrkdwn(piece));
    size += piece.length;
  }
  if (elements.length > 0) units.push([{ type: 'context', elements }]);
  return units;
}

function factUnits(facts: Answer['facts']): Block[][] {
  const fields = facts.map((fact) => {
    const value = formatFactValue(fact);
    // Labels are short by design; the cap keeps ten fields well under the message text budget.
    const label = escapeAndTruncate(fact.label, MAX_FACT_LABEL);
    return mrkdwn(`*${label}*\n${value}`);
  });
  const units: Block[][] = [];
  for (let start = 0; start < fields.length; start += MAX_SECTION_FIELDS) {
    units.push([{ type: 'section', fields: fields.slice(start, start + MAX_SECTION_FIELDS) }]);
  }
  return units;
}

function chartUnit(chart: ChartImage): Block[] {
  if (chart.slackFileId.length === 0) return [];
  const title = truncate(chart.title.trim(), MAX_IMAGE_TITLE);
  const altText = truncate(chart.altText.trim() || title || 'Cost chart', MAX_IMAGE_ALT_TEXT);
  return [
    {
      type: 'image',
      slack_file: { id: chart.slackFileId },
      alt_text: altText,
      ...(title ? { title: { type: 'plain_text', text: title } } : {}),
    },
  ];
}

function uniqueById(recommendations: readonly RecommendationSummary[]): RecommendationSummary[] {
  const seen = new Set<string>();
  return recommendations.filter((recommendation) => {
    if (seen.has(recommendation.id)) return false;
    seen.add(recommendation.id);
    return true;
  });
}

function card(recommendation: RecommendationSummary, decisions: RenderAnswerOptions['decisions']): Block[] {
  const decision = decisions?.get(recommendation.id);
  const blocks = decision
    ? renderDecidedCard(recommendation, decision)
    : renderRecommendationCard(recommendation);
  return [...blocks, { type: 'divider' }];
}

function showMoreUnit(key: string, shown: number, total: number, pageSize: number): Block[] {
  const remaining = total - shown;
  const next = Math.min(remaining, pageSize);
  return [
    {
      type: 'section',
      block_id: `show_more_${shown}`,
      text: mrkdwn(`Showing ${shown} of ${total} recommendations. *${remaining} more* not shown here.`),
      accessory: {
        type: 'button',
        action_id: ACTIONS.showMore,
        value: showMoreValue(key, shown),
        text: { type: 'plain_text', text: `Show ${next} more` },
      },
    },
  ];
}

/** Cards from `offset`, at most `pageSize` of them, then "show more" when any are left. */
function recommendationUnits(
  recommendations: readonly RecommendationSummary[],
  options: { offset: number; pageSize: number; key: string; decisions: RenderAnswerOptions['decisions'] },
): Block[][] {
  const { offset, pageSize, key, decisions } = options;
  const end = Math.min(recommendations.length, offset + pageSize);
  const page = recommendations.slice(offset, end);
  const heading =
    offset === 0 && end === recommendations.length
      ? `*Recommendations* (${recommendations.length})`
      : `*Recommendations ${offset + 1}–${end} of ${recommendations.length}*`;
  const units: Block[][] = page.map((recommendation) => card(recommendation, decisions));
  const first = units[0];
  if (first) first.unshift({ type: 'section', text: mrkdwn(heading) });
  if (end < recommendations.length) {
    units.push(
      showMoreUnit(
        key,
        end,
        recommendations.length,
        Number.isFinite(pageSize) ? pageSize : DEFAULT_MAX_CARDS,
      ),
    );
  }
  return units;
}

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new FinopsError(
      'finops_invalid_input',
      `showMoreKey "${truncate(key, 80)}" cannot go in a button value: use 1 to 64 letters, digits, "_" or "-"`,
    );
  }
  return key;
}

function checkPageSize(size: number): number {
  if (!(size >= 1) || (Number.isFinite(size) && !Number.isInteger(size))) {
    throw new FinopsError(
      'finops_invalid_input',
      `maxCards must be a whole number from 1, or Infinity; got ${size}`,
    );
  }
  return size;
}

/** The packed blocks as messages: the first keeps the fallback text, the rest say they continue it. */
function toMessages(pages: Block[][], firstText: string, question: string): SlackMessage[] {
  const label = escapeAndTruncate(question.trim() || 'your question', 150);
  return pages.map((blocks, index) => ({
    text: index === 0 ? firstText : `Answer to "${label}", continued (${index + 1} of ${pages.length})`,
    blocks,
  }));
}

function clarificationUnits(clarification: NonNullable<Answer['clarification']>): Block[][] {
  const reason = markdownToMrkdwn(clarification.reason.trim() || 'I could not answer that without guessing.');
  const units = textSections(`*I need a little more to answer that.*\n${reason}`);
  if (clarification.canAnswer.length > 0) {
    const list = clarification.canAnswer.map((item) => `• ${escapeAndTruncate(item, 500)}`).join('\n');
    units.push(...textSections(`*I can answer, for example:*\n${list}`));
  }
  return units;
}

/**
 * An Answer as one or more Slack messages, each within every Block Kit limit: the text as mrkdwn
 * (split over several sections and messages when long), the facts as fields, basis and warnings as
 * context, the chart as an image block, then one card per recommendation. Nothing is dropped: long
 * text continues in the next message, and recommendations past `maxCards` are counted behind a
 * "show more" button.
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions = {}): SlackMessage[] {
  const key = checkKey(options.showMoreKey ?? answerKey(answer));
  const pageSize = checkPageSize(options.maxCards ?? DEFAULT_MAX_CARDS);
  const body = markdownToMrkdwn(answer.text.trim());
  const units: Block[][] = [];

  if (answer.clarification) {
    if (body) units.push(...textSections(body));
    units.push(...clarificationUnits(answer.clarification));
  } else {
    if (body) units.push(...textSections(body));
    units.push(...factUnits(answer.facts));
    const notes = [
      ...(answer.basis?.trim() ? [`🧾 ${escapeMrkdwn(answer.basis.trim())}`] : []),
      ...answer.warnings
        .filter((warning) => warning.trim())
        .map((warning) => `⚠️ ${escapeMrkdwn(warning.trim())}`),
    ];
    units.push(...contextUnits(notes));
    if (options.chart) units.push(chartUnit(options.chart));
    const recommendations = uniqueById(answer.recommendations);
    units.push(
      ...recommendationUnits(recommendations, { offset: 0, pageSize, key, decisions: options.decisions }),
    );
  }
  if (answer.followUps.length > 0) {
    units.push(
      ...contextUnits([
        'You could also ask:',
        ...answer.followUps.map((item) => `“${escapeAndTruncate(item.trim(), MAX_FOLLOW_UP)}”`),
      ]),
    );
  }
  if (units.length === 0) units.push([{ type: 'section', text: mrkdwn('I have nothing to add to that.') }]);

  const firstText = truncate(body || 'FinOps Copilot answer', MAX_SECTION_TEXT);
  return toMessages(packUnits(units), firstText, answer.question);
}

/**
 * The next page behind a "show more" click: the app looks up the answer it stored under the key
 * from `parseShowMoreValue` and renders from that offset.
 */
export function renderMoreRecommendations(
  recommendations: readonly RecommendationSummary[],
  options: {
    key: string;
    offset: number;
    pageSize?: number | undefined;
    decisions?: ReadonlyMap<string, DecisionView> | undefined;
  },
): SlackMessage[] {
  const key = checkKey(options.key);
  const pageSize = checkPageSize(options.pageSize ?? DEFAULT_MAX_CARDS);
  const unique = uniqueById(recommendations);
  if (
    !Number.isInteger(options.offset) ||
    options.offset < 0 ||
    options.offset >= Math.max(unique.length, 1)
  ) {
    return [
      {
        text: 'No more recommendations to show.',
        blocks: [{ type: 'section', text: mrkdwn('No more recommendations to show.') }],
      },
    ];
  }
  const units = recommendationUnits(unique, {
    offset: options.offset,
    pageSize,
    key,
    decisions: options.decisions,
  });
  const end = Math.min(unique.length, options.offset + pageSize);
  const text = `Recommendations ${options.offset + 1}–${end} of ${unique.length}`;
  return packUnits(units).map((blocks, index, pages) => ({
    text: pages.length === 1 ? text : `${text} (${index + 1} of ${pages.length})`,
    blocks,
  }));
}
