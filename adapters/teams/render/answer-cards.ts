import type { Answer, Fact } from '../../../src/domain/index.ts';
import { formatFactValue } from '../../slack/render/format-values.ts';
import { type AdaptiveCard, adaptiveCard, type CardElement } from './adaptive-card.ts';
import { openRecommendationContainer } from './recommendation-container.ts';

/**
 * The most one card may weigh, as UTF-8 JSON without data-URI images. Teams rejects a bot message over
 * its size limit with 413 MessageSizeTooBig; the limit has been documented as 28 KB, then 40 KB and now
 * ~100 KB (80 KB recommended), and Base64 images are not counted
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages). We keep
 * to the oldest, smallest figure, less room for the activity envelope, so every Teams client takes it.
 */
export const MAX_CARD_BYTES = 24 * 1024;
/** A TextBlock longer than this is split: long blocks are slow to render on mobile clients. */
const MAX_TEXT_BLOCK = 4000;
const FACTS_PER_SET = 20;
const MAX_FACT_TITLE = 200;

export interface ChartImage {
  /** A `data:image/png;base64,…` URI or an https URL this server hosts. */
  url: string;
  altText: string;
  title: string;
}

export interface RenderAnswerOptions {
  chart?: ChartImage | undefined;
  /**
   * Names each card for Approve / Dismiss refreshes (the card is stored under it); the card's index
   * is passed. Absent: actions carry no card key and a refresh shows the decided item alone.
   */
  cardKey?: ((index: number) => string) | undefined;
}

/** A piece that is never split across cards; rendered once its card's key is known. */
type Unit = (cardKey: string | undefined) => CardElement[];

/** UTF-8 size of the card as sent, not counting data-URI images (Teams does not count them either). */
export function cardWeight(card: AdaptiveCard): number {
  const json = JSON.stringify(card, (key, value) =>
    key === 'url' && typeof value === 'string' && value.startsWith('data:') ? '' : value,
  );
  return Buffer.byteLength(json, 'utf8');
}

export function splitText(text: string, max = MAX_TEXT_BLOCK): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = Math.max(rest.lastIndexOf('\n', max), rest.lastIndexOf(' ', max));
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function factRow(fact: Fact): { title: string; value: string } {
  const title =
    fact.label.length > MAX_FACT_TITLE ? `${fact.label.slice(0, MAX_FACT_TITLE - 1)}…` : fact.label;
  return { title, value: formatFactValue(fact) };
}

function headUnits(answer: Answer, chart: ChartImage | undefined): Unit[] {
  const units: Unit[] = [];
  const text = answer.clarification ? `${answer.text}\n\n${answer.clarification.reason}` : answer.text;
  for (const piece of splitText(text)) units.push(() => [{ type: 'TextBlock', text: piece, wrap: true }]);
  if (answer.basis) {
    for (const piece of splitText(answer.basis)) {
      units.push(() => [{ type: 'TextBlock', text: piece, wrap: true, isSubtle: true, size: 'Small' }]);
    }
  }
  for (let start = 0; start < answer.facts.length; start += FACTS_PER_SET) {
    const facts = answer.facts.slice(start, start + FACTS_PER_SET).map(factRow);
    units.push(() => [{ type: 'FactSet', facts, spacing: 'Medium' }]);
  }
  if (chart) {
    units.push(() => [
      { type: 'TextBlock', text: chart.title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
      {
        type: 'Image',
        url: chart.url,
        altText: chart.altText,
        size: 'Stretch',
        msTeams: { allowExpand: true },
      },
    ]);
  }
  for (const warning of answer.warnings) {
    for (const piece of splitText(warning)) {
      units.push(() => [
        { type: 'TextBlock', text: `⚠️ ${piece}`, wrap: true, color: 'Warning', size: 'Small' },
      ]);
    }
  }
  if (answer.clarification && answer.clarification.canAnswer.length > 0) {
    const lines = answer.clarification.canAnswer.map((line) => `- ${line}`).join('\n');
    units.push(() => [{ type: 'TextBlock', text: `I can answer:\n${lines}`, wrap: true }]);
  }
  if (answer.followUps.length > 0) {
    const lines = answer.followUps
      .slice(0, 5)
      .map((line) => `- ${line}`)
      .join('\n');
    units.push(() => [
      { type: 'TextBlock', text: `Try next:\n${lines}`, wrap: true, isSubtle: true, size: 'Small' },
    ]);
  }
  return units;
}

/**
 * The answer as Adaptive Cards 1.5: the text, the key facts as FactSets, the chart as an Image, the
 * warnings, then one container per recommendation with Approve and Dismiss. Pieces are packed in
 * order into as few cards as fit MAX_CARD_BYTES each; each card goes out as its own message.
 */
export function renderAnswerCards(answer: Answer, options: RenderAnswerOptions = {}): AdaptiveCard[] {
  const units: Unit[] = [
    ...headUnits(answer, options.chart),
    ...answer.recommendations.map(
      (summary): Unit =>
        (cardKey) => [openRecommendationContainer(summary, { cardKey })],
    ),
  ];
  // Keys are only known once the packing is; weigh with the longest key a card could get.
  const probeKey = options.cardKey ? options.cardKey(99) : undefined;
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    const candidate = [...current, unit];
    const weight = cardWeight(adaptiveCard(candidate.flatMap((piece) => piece(probeKey))));
    if (current.length > 0 && weight > MAX_CARD_BYTES) {
      groups.push(current);
      current = [unit];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups.map((group, index) => {
    const key = options.cardKey?.(index);
    const body = group.flatMap((piece) => piece(key));
    return adaptiveCard(
      body.length > 0 ? body : [{ type: 'TextBlock', text: answer.text || ' ', wrap: true }],
    );
  });
}

/** A short failure message with a reference to find the details in the logs. */
export function renderErrorCard(reference: string): AdaptiveCard {
  return adaptiveCard([
    {
      type: 'TextBlock',
      text: `Sorry, I could not answer that. Please try again; if it keeps failing, give your administrator the reference ${reference}.`,
      wrap: true,
      color: 'Attention',
    },
  ]);
}
