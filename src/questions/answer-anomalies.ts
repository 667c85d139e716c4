import { type CostAnomaly, detectAnomalies, explainDay } from '../anomalies/index.ts';
import type { ChartRequest } from '../domain/index.ts';
import { addDays, dimensionLabel, humanRange } from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import { type AnswerBasis, describeBasis, FactCollector } from './answer-context.ts';
import { type AnswerBody, displayGroupValue } from './answer-intents.ts';
import { formatGroupValue, formatMoney, formatSignedMoney } from './format.ts';
import type { ParsedQuestion } from './parse/index.ts';

interface AnomalyInput {
  parsed: ParsedQuestion;
  basis: AnswerBasis;
  engine: CostEngine;
  today: string;
}

const ANOMALY_DIMENSIONS = ['service', 'sub_account', 'usage_type'] as const;
type AnomalyDimension = (typeof ANOMALY_DIMENSIONS)[number];

/** "Any anomalies last week?": what broke from its weekly pattern, by how much, and why. */
export async function answerAnomalies(input: AnomalyInput): Promise<AnswerBody> {
  const { parsed, basis, engine, today } = input;
  const dimensions: AnomalyDimension[] =
    parsed.groupBy && (ANOMALY_DIMENSIONS as readonly string[]).includes(parsed.groupBy)
      ? [parsed.groupBy as AnomalyDimension]
      : [...ANOMALY_DIMENSIONS];
  const anomalies = await detectAnomalies(engine, {
    window: parsed.range,
    today,
    filters: basis.filters,
    metric: basis.metric,
    dimensions,
  });
  const facts = new FactCollector(basis);
  const currency = basis.source.currency;
  const money = (value: number) => formatMoney(value, currency);
  const lines: string[] = [];
  if (anomalies.length === 0) {
    lines.push(
      `No cost anomalies in ${humanRange(parsed.range)}: daily spend by ${dimensions.map(dimensionLabel).join(', ')} stayed within its usual weekly pattern.`,
    );
  } else {
    lines.push(
      `${anomalies.length} cost anomal${anomalies.length === 1 ? 'y' : 'ies'} in ${humanRange(parsed.range)}:`,
    );
    for (const anomaly of anomalies.slice(0, 5))
      lines.push(...describeAnomaly(anomaly, facts, money, currency));
    if (anomalies.length > 5) lines.push(`…and ${anomalies.length - 5} smaller ones.`);
  }
  const top = anomalies[0];
  const charts: ChartRequest[] = top
    ? [
        {
          kind: 'anomaly',
          title: `${anomalyName(top)}: daily spend vs expected`,
          points: top.points.map((point) => ({
            x: point.date,
            actual: point.actual,
            expected: point.expected,
            lower: point.lower,
            upper: point.upper,
            isAnomaly: point.isAnomaly,
          })),
          unit: currency,
        },
      ]
    : [];
  return {
    intent: 'anomalies',
    text: lines.join('\n'),
    basis: describeBasis(basis, [parsed.range]),
    facts: facts.facts,
    tables: [],
    charts,
    followUps: top
      ? [`what caused the spike on ${top.start}?`, 'forecast this month']
      : ['forecast this month'],
  };
}

function anomalyName(anomaly: CostAnomaly): string {
  return formatGroupValue(anomaly.dimension, anomaly.key, anomaly.label);
}

function describeAnomaly(
  anomaly: CostAnomaly,
  facts: FactCollector,
  money: (value: number) => string,
  currency: string,
): string[] {
  const period = { start: anomaly.start, end: anomaly.end };
  const groupKey = { [anomaly.dimension]: anomaly.key };
  facts.add(`Actual, ${anomalyName(anomaly)}, ${humanRange(period)}`, anomaly.actual, period, { groupKey });
  facts.add(`Expected, ${anomalyName(anomaly)}, ${humanRange(period)}`, anomaly.expected, period, {
    groupKey,
  });
  facts.add(`Impact, ${anomalyName(anomaly)}, ${humanRange(period)}`, anomaly.impact, period, { groupKey });
  const lines = [
    `• *${dimensionLabel(anomaly.dimension)} ${anomalyName(anomaly)}*, ${humanRange(period)} (${anomaly.severity}): ${money(anomaly.actual)} vs ${money(anomaly.expected)} expected, ${formatSignedMoney(anomaly.impact, currency)}.`,
  ];
  // Where it happened: the account, service, region and team that hold (nearly) all of it.
  const where = anomaly.rootCause.filter(
    (cause) => cause.share >= 0.9 && cause.dimension !== 'resource' && cause.dimension !== anomaly.dimension,
  );
  if (where.length > 0) {
    lines.push(
      `  ◦ where: ${where.map((cause) => `${dimensionLabel(cause.dimension)} ${displayGroupValue(cause.dimension, cause.key, cause.label)}`).join(' · ')}`,
    );
  }
  // What moved: the resources (or, without resource ids, the largest other movers).
  const movers = anomaly.rootCause
    .filter((cause) => cause.dimension === 'resource' && cause.key !== null)
    .slice(0, 3);
  const shown =
    movers.length > 0 ? movers : anomaly.rootCause.filter((cause) => !where.includes(cause)).slice(0, 2);
  for (const cause of shown) {
    const name = displayGroupValue(cause.dimension, cause.key, cause.label);
    facts.add(`Change from ${dimensionLabel(cause.dimension)} ${name}`, cause.delta, period, {
      groupKey: { [cause.dimension]: cause.key },
    });
  }
  if (shown.length > 0) {
    lines.push(
      `  ◦ largest movers: ${shown.map((cause) => `${dimensionLabel(cause.dimension)} ${displayGroupValue(cause.dimension, cause.key, cause.label)} ${formatSignedMoney(cause.delta, currency)}`).join(', ')}`,
    );
  }
  return lines;
}

/** "What caused the spike on the 12th?": that day against its expected baseline, drilled down. */
export async function answerExplainDay(input: AnomalyInput): Promise<AnswerBody> {
  const { parsed, basis, engine, today } = input;
  const day = parsed.day ?? parsed.range.start;
  const result = await explainDay(engine, { day, today, filters: basis.filters, metric: basis.metric });
  const facts = new FactCollector(basis);
  const currency = basis.source.currency;
  const period = { start: day, end: addDays(day, 1) };
  facts.add(`Spend on ${humanRange(period)}`, result.actual, period);
  facts.add(`Expected for ${humanRange(period)}`, result.expected, result.baseline ?? period);
  facts.add(`Difference from expected`, result.actual - result.expected, period);
  facts.add(`Usual range for ${humanRange(period)}, low`, result.lower, period);
  facts.add(`Usual range for ${humanRange(period)}, high`, result.upper, period);
  const verdict = result.isAnomaly
    ? `an unusual ${result.direction === 'decrease' ? 'drop' : 'spike'}`
    : `within its usual range of ${formatMoney(result.lower, currency)}–${formatMoney(result.upper, currency)}, so not an anomaly`;
  const lines = [
    `${humanRange(period)}: *${formatMoney(result.actual, currency)}* spent vs ${formatMoney(result.expected, currency)} expected (${formatSignedMoney(result.actual - result.expected, currency)}): ${verdict}.`,
  ];
  // "Charge category Usage" moved by the whole amount in every case; it explains nothing.
  const drivers = result.drivers.filter((driver) => driver.dimension !== 'charge_category');
  if (drivers.length > 0) lines.push('', 'What moved the most:');
  for (const driver of drivers.slice(0, 5)) {
    const name = formatGroupValue(driver.dimension, driver.key, driver.label);
    facts.add(`Change from ${dimensionLabel(driver.dimension)} ${name}`, driver.delta, period, {
      groupKey: { [driver.dimension]: driver.key },
    });
    lines.push(`• ${dimensionLabel(driver.dimension)} ${name}: ${formatSignedMoney(driver.delta, currency)}`);
  }
  return {
    intent: 'explain_day',
    text: lines.join('\n'),
    basis: describeBasis(basis, [period]),
    facts: facts.facts,
    tables: [],
    charts: [],
    followUps: ['any anomalies last week?', 'daily cost over the last 30 days'],
  };
}
