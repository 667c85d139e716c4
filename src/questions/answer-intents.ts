import type { Answer, ChartRequest, CostFilter, CostTable, Dimension, TimeRange } from '../domain/index.ts';
import { addDays, addMonths, daysBetween, dimensionLabel, humanRange, OTHER_GROUP } from '../domain/index.ts';
import type { ChangeDriver, CostEngine } from '../engine/index.ts';
import { type AnswerBasis, describeBasis, FactCollector } from './answer-context.ts';
import { formatGroupValue, formatMoney, formatPercent, formatSignedMoney, relativeChange } from './format.ts';
import type { ParsedQuestion } from './parse/index.ts';

/** The parts of an Answer an intent fills in; ask() adds the question, warnings and assumptions. */
export type AnswerBody = Pick<
  Answer,
  'intent' | 'text' | 'basis' | 'facts' | 'tables' | 'charts' | 'followUps'
> & {
  /** Caveats of a method (short history, wide intervals), shown with the answer's warnings. */
  warnings?: string[];
};

interface IntentInput {
  parsed: ParsedQuestion;
  basis: AnswerBasis;
  engine: CostEngine;
}

const selection = (input: IntentInput) => ({
  metric: input.basis.metric,
  filters: input.basis.filters,
  ...(input.basis.chargeCategories ? { chargeCategories: input.basis.chargeCategories } : {}),
});

/**
 * The subject of an answer's sentences: "EC2 spend", "Spend (team payments)",
 * "Spend (NAT Gateway usage types)". The basis sentence still lists every filter in full.
 */
function scope(input: IntentInput): string {
  const filters = input.basis.filters;
  const services = filters.find((filter) => filter.dimension === 'service' && filter.op === 'in');
  const head =
    services && services.op === 'in' ? `${shortServiceNames(services.values).join(' + ')} spend` : 'Spend';
  const rest = filters.filter((filter) => filter !== services).map(shortFilter);
  return rest.length > 0 ? `${head} (${rest.join(', ')})` : head;
}

function shortFilter(filter: CostFilter): string {
  const name = dimensionLabel(filter.dimension).replace(/^tag /, '');
  switch (filter.op) {
    case 'missing':
      return `no ${name}`;
    case 'present':
      return `with a ${name}`;
    case 'in':
    case 'not_in': {
      const values =
        filter.values.length > 2
          ? `${filter.values.length} ${plural(name)}`
          : filter.values
              .map((value) => (filter.dimension === 'service' ? (SHORT_NAMES[value] ?? value) : value))
              .join(' or ');
      const nat =
        filter.dimension === 'usage_type' && filter.values.every((value) => value.includes('NatGateway'));
      if (nat) return filter.op === 'in' ? 'NAT Gateway' : 'excluding NAT Gateway';
      if (filter.values.length > 2) return filter.op === 'in' ? values : `excluding ${values}`;
      return filter.op === 'in' ? `${name} ${values}` : `${name} not ${values}`;
    }
  }
}

/** "Amazon Elastic Compute Cloud" reads better as "EC2" in a sentence. */
const SHORT_NAMES: Record<string, string> = {
  'Amazon Elastic Compute Cloud': 'EC2',
  'Amazon Simple Storage Service': 'S3',
  'Amazon Relational Database Service': 'RDS',
  'Amazon DynamoDB': 'DynamoDB',
  'Amazon CloudFront': 'CloudFront',
  'AWS Lambda': 'Lambda',
  AmazonCloudWatch: 'CloudWatch',
  'Amazon Virtual Private Cloud': 'VPC',
  'AWS Data Transfer': 'Data Transfer',
};

export function shortServiceNames(names: string[]): string[] {
  return names.map((name) => SHORT_NAMES[name] ?? name);
}

function rowLabel(_table: CostTable, dimension: Dimension, row: CostTable['rows'][number]): string {
  const key = row.key[dimension] ?? null;
  const label = row.labels?.[dimension];
  if (dimension === 'service' && key && SHORT_NAMES[key]) return `${SHORT_NAMES[key]} (${key})`;
  return formatGroupValue(dimension, key, label);
}

export async function answerTotal(input: IntentInput): Promise<AnswerBody> {
  const { parsed, basis, engine } = input;
  const facts = new FactCollector(basis);
  const total = await engine.query({ range: parsed.range, ...selection(input) });
  const byService = await engine.query({
    range: parsed.range,
    ...selection(input),
    groupBy: ['service'],
    limit: 5,
  });
  const money = (value: number) => formatMoney(value, total.currency);
  facts.add(`${scope(input)}, ${humanRange(parsed.range)}`, total.total, parsed.range);
  const lines = [`${scope(input)} for ${humanRange(parsed.range)}: *${money(total.total)}*.`];
  if (parsed.budget !== undefined) {
    // A budget question about a period that is over: the actual spend against the budget.
    const difference = total.total - parsed.budget;
    facts.add('Budget', parsed.budget, parsed.range, { metric: false });
    facts.add('Spend minus budget', difference, parsed.range);
    lines.push(
      difference > 0
        ? `• That is *over* the ${money(parsed.budget)} budget by ${money(difference)}.`
        : `• That is *under* the ${money(parsed.budget)} budget by ${money(-difference)}.`,
    );
  }
  if (byService.rows.length > 1) {
    lines.push('', 'By service:');
    for (const row of byService.rows) {
      facts.add(
        `${rowLabel(byService, 'service', row)}, ${humanRange(parsed.range)}`,
        row.value,
        parsed.range,
        {
          groupKey: row.key,
        },
      );
      lines.push(`• ${rowLabel(byService, 'service', row)}: ${money(row.value)}`);
    }
  }
  return {
    intent: 'total',
    text: lines.join('\n'),
    basis: describeBasis(basis, [parsed.range]),
    facts: facts.facts,
    tables: [total, byService],
    charts:
      byService.rows.length > 1
        ? [breakdownChart(byService, 'service', `${scope(input)} by service, ${humanRange(parsed.range)}`)]
        : [],
    followUps: ['break it down by account', 'compare with the previous period', 'why did it change?'],
  };
}

export async function answerBreakdown(input: IntentInput): Promise<AnswerBody> {
  const { parsed, basis, engine } = input;
  const dimension = parsed.groupBy ?? 'service';
  const limit = parsed.limit ?? 10;
  const table = await engine.query({ range: parsed.range, ...selection(input), groupBy: [dimension], limit });
  const facts = new FactCollector(basis);
  const money = (value: number) => formatMoney(value, table.currency);
  const label = dimensionLabel(dimension);
  const heading = parsed.limit
    ? `Top ${parsed.limit} ${plural(label)} by ${scope(input).toLowerCase()}, ${humanRange(parsed.range)}`
    : `${scope(input)} by ${label}, ${humanRange(parsed.range)}`;
  facts.add(`${scope(input)}, ${humanRange(parsed.range)}`, table.total, parsed.range);
  const lines = [`${heading} (total ${money(table.total)}):`];
  if (table.rows.length === 0) lines.push('No spend found for this period and filter.');
  table.rows.forEach((row, index) => {
    const name = rowLabel(table, dimension, row);
    const share = table.total !== 0 ? ` (${((row.value / table.total) * 100).toFixed(1)}%)` : '';
    facts.add(`${name}, ${humanRange(parsed.range)}`, row.value, parsed.range, { groupKey: row.key });
    lines.push(
      `${row.key[dimension] === OTHER_GROUP ? '•' : `${index + 1}.`} ${name}: ${money(row.value)}${share}`,
    );
  });
  return {
    intent: 'breakdown',
    text: lines.join('\n'),
    basis: describeBasis(basis, [parsed.range]),
    facts: facts.facts,
    tables: [table],
    charts: table.rows.length > 0 ? [breakdownChart(table, dimension, heading)] : [],
    followUps: [`trend by ${label} over the last 3 months`, 'compare with the previous period'],
  };
}

export async function answerTrend(input: IntentInput): Promise<AnswerBody> {
  const { parsed, basis, engine } = input;
  const granularity =
    parsed.granularity ?? (daysBetween(parsed.range.start, parsed.range.end) > 62 ? 'month' : 'day');
  const groupBy = parsed.groupBy ? [parsed.groupBy] : [];
  const table = await engine.query({
    range: parsed.range,
    ...selection(input),
    granularity,
    groupBy,
    ...(parsed.groupBy ? { limit: parsed.limit ?? 6 } : {}),
  });
  const facts = new FactCollector(basis);
  const money = (value: number) => formatMoney(value, table.currency);
  const buckets = new Map<string, number>();
  for (const row of table.rows)
    if (row.period) buckets.set(row.period, (buckets.get(row.period) ?? 0) + row.value);
  const ordered = [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b));
  const title = `${scope(input)} ${granularity === 'day' ? 'per day' : 'per month'}${parsed.groupBy ? ` by ${dimensionLabel(parsed.groupBy)}` : ''}, ${humanRange(parsed.range)}`;
  facts.add(`${scope(input)}, ${humanRange(parsed.range)}`, table.total, parsed.range);
  const lines = [`${title}: total ${money(table.total)}.`];
  if (ordered.length > 0) {
    const bucketRange = (period: string): TimeRange => ({
      start: period,
      end: granularity === 'day' ? addDays(period, 1) : addMonths(period, 1),
    });
    const [firstPeriod, firstValue] = ordered[0] ?? ['', 0];
    const [lastPeriod, lastValue] = ordered.at(-1) ?? ['', 0];
    const [peakPeriod, peakValue] = ordered.reduce((peak, entry) => (entry[1] > peak[1] ? entry : peak));
    const bucketName = (period: string) => humanRange(bucketRange(period));
    const dataEnd = basis.catalog.dataRange?.end;
    const lastIsPartial =
      dataEnd !== undefined && bucketRange(lastPeriod).end > dataEnd && ordered.length > 1;
    // The average is over complete buckets only: a month that has just begun would drag it down.
    const complete = lastIsPartial ? ordered.slice(0, -1) : ordered;
    const average = complete.reduce((sum, [, value]) => sum + value, 0) / complete.length;
    const averageRange = { start: parsed.range.start, end: lastIsPartial ? lastPeriod : parsed.range.end };
    facts.add(`Average per ${lastIsPartial ? 'full ' : ''}${granularity}`, average, averageRange);
    facts.add(`Highest ${granularity} (${bucketName(peakPeriod)})`, peakValue, bucketRange(peakPeriod));
    facts.add(`First ${granularity} (${bucketName(firstPeriod)})`, firstValue, bucketRange(firstPeriod));
    facts.add(`Last ${granularity} (${bucketName(lastPeriod)})`, lastValue, bucketRange(lastPeriod));
    lines.push(
      `• Average ${money(average)} per ${lastIsPartial ? 'full ' : ''}${granularity}; highest ${money(peakValue)} ${granularity === 'day' ? 'on' : 'in'} ${bucketName(peakPeriod)}.`,
      // A bucket still filling up (this month so far) is not compared with a full one.
      lastIsPartial
        ? `• From ${money(firstValue)} (${bucketName(firstPeriod)}) to ${money(lastValue)} (${bucketName(lastPeriod)} so far, data through ${dataEnd ? addDays(dataEnd, -1) : 'today'}).`
        : `• From ${money(firstValue)} (${bucketName(firstPeriod)}) to ${money(lastValue)} (${bucketName(lastPeriod)})${
            relativeChange(lastValue, firstValue) === undefined
              ? ''
              : `, ${formatPercent(relativeChange(lastValue, firstValue) ?? 0)}`
          }.`,
    );
  } else {
    lines.push('No spend found for this period and filter.');
  }
  const points = table.rows.map((row) => ({
    x: row.period ?? '',
    series: parsed.groupBy
      ? chartLabel(rowLabel(table, parsed.groupBy, row), row.key[parsed.groupBy] ?? null)
      : 'Total',
    value: row.value,
  }));
  return {
    intent: 'trend',
    text: lines.join('\n'),
    basis: describeBasis(basis, [parsed.range]),
    facts: facts.facts,
    tables: [table],
    charts: [{ kind: 'trend', title, granularity, points, unit: table.currency }],
    followUps: ['break it down by service', 'why did it change?'],
  };
}

export async function answerCompare(input: IntentInput): Promise<AnswerBody> {
  const { parsed, basis, engine } = input;
  const previous = requireBaseline(parsed);
  const groupBy = parsed.groupBy ?? 'service';
  const comparison = await engine.compare({
    current: parsed.range,
    previous,
    ...selection(input),
    groupBy,
    limit: parsed.limit ?? 5,
  });
  const facts = new FactCollector(basis);
  const money = (value: number) => formatMoney(value, comparison.currency);
  const change = relativeChange(comparison.currentTotal, comparison.previousTotal);
  facts.add(`${scope(input)}, ${humanRange(parsed.range)}`, comparison.currentTotal, parsed.range);
  facts.add(`${scope(input)}, ${humanRange(previous)}`, comparison.previousTotal, previous);
  facts.add(`Change, ${humanRange(previous)} → ${humanRange(parsed.range)}`, comparison.delta, parsed.range);
  if (change !== undefined)
    facts.add('Relative change', change, parsed.range, { unit: 'ratio', metric: false });
  const lines = [
    `${scope(input)}: *${money(comparison.currentTotal)}* for ${humanRange(parsed.range)} vs ${money(comparison.previousTotal)} for ${humanRange(previous)}: ${formatSignedMoney(comparison.delta, comparison.currency)}${change === undefined ? '' : ` (${formatPercent(change)})`}.`,
  ];
  const movers = comparison.rows.filter((row) => row.delta !== 0);
  if (movers.length > 0) {
    lines.push('', `Largest changes by ${dimensionLabel(groupBy)}:`);
    for (const row of movers) {
      const name =
        groupBy === 'service' && row.key && SHORT_NAMES[row.key]
          ? (SHORT_NAMES[row.key] ?? row.key)
          : formatGroupValue(groupBy, row.key, row.label);
      const groupKey = { [groupBy]: row.key };
      facts.add(`${name}, ${humanRange(parsed.range)}`, row.current, parsed.range, { groupKey });
      facts.add(`${name}, ${humanRange(previous)}`, row.previous, previous, { groupKey });
      facts.add(`Change for ${name}`, row.delta, parsed.range, { groupKey });
      lines.push(
        `• ${name}: ${money(row.previous)} → ${money(row.current)} (${formatSignedMoney(row.delta, comparison.currency)})`,
      );
    }
  }
  const chart: ChartRequest = {
    kind: 'comparison',
    title: `${scope(input)} by ${dimensionLabel(groupBy)}: ${humanRange(parsed.range)} vs ${humanRange(previous)}`,
    currentLabel: humanRange(parsed.range),
    previousLabel: humanRange(previous),
    items: comparison.rows.map((row) => ({
      label: chartLabel(
        groupBy === 'service' && row.key && SHORT_NAMES[row.key]
          ? (SHORT_NAMES[row.key] ?? row.key)
          : formatGroupValue(groupBy, row.key, row.label),
        row.key,
        row.label,
      ),
      current: row.current,
      previous: row.previous,
    })),
    unit: comparison.currency,
  };
  return {
    intent: 'compare',
    text: lines.join('\n'),
    basis: describeBasis(basis, [parsed.range, previous]),
    facts: facts.facts,
    tables: [],
    charts: [chart],
    followUps: ['why did it change?', `break ${humanRange(parsed.range)} down by account`],
  };
}

export async function answerExplain(input: IntentInput): Promise<AnswerBody> {
  const { parsed, basis, engine } = input;
  const previous = requireBaseline(parsed);
  const explanation = await engine.explainChange({ current: parsed.range, previous, ...selection(input) });
  const facts = new FactCollector(basis);
  const currency = explanation.currency;
  const money = (value: number) => formatMoney(value, currency);
  const change = relativeChange(explanation.currentTotal, explanation.previousTotal);
  const direction = explanation.delta > 0 ? 'rose' : explanation.delta < 0 ? 'fell' : 'did not change';
  facts.add(`${scope(input)}, ${humanRange(parsed.range)}`, explanation.currentTotal, parsed.range);
  facts.add(`${scope(input)}, ${humanRange(previous)}`, explanation.previousTotal, previous);
  facts.add(`Change, ${humanRange(previous)} → ${humanRange(parsed.range)}`, explanation.delta, parsed.range);
  const lines = [
    `${scope(input)} ${direction}${explanation.delta === 0 ? '' : ` by *${money(Math.abs(explanation.delta))}*${change === undefined ? '' : ` (${formatPercent(change)})`}`}: ${money(explanation.previousTotal)} in ${humanRange(previous)} → ${money(explanation.currentTotal)} in ${humanRange(parsed.range)}.`,
  ];
  const meaningful = explanation.drivers.filter((driver) => driver.delta !== 0);
  if (meaningful.length > 0) {
    lines.push('', 'What drove it (each level sums to the one above):');
    for (const driver of meaningful)
      lines.push(...describeDriver(driver, 0, facts, { current: parsed.range, previous }, currency));
  }
  const chart: ChartRequest = {
    kind: 'waterfall',
    title: `What changed in ${scope(input).replace(/^Spend/, 'spend')}, ${humanRange(previous)} → ${humanRange(parsed.range)}`,
    startLabel: humanRange(previous),
    endLabel: humanRange(parsed.range),
    start: explanation.previousTotal,
    end: explanation.currentTotal,
    contributions: waterfallDrivers(explanation.drivers).map((driver) => ({
      label: chartLabel(driverName(driver), driver.key, driver.label),
      value: driver.delta,
    })),
    unit: currency,
  };
  return {
    intent: 'explain',
    text: lines.join('\n'),
    basis: describeBasis(basis, [parsed.range, previous]),
    facts: facts.facts,
    tables: [],
    charts: [chart],
    followUps: ['show the daily trend', 'break it down by account'],
  };
}

function describeDriver(
  driver: ChangeDriver,
  depth: number,
  facts: FactCollector,
  periods: { current: TimeRange; previous: TimeRange },
  currency: string,
): string[] {
  const indent = '  '.repeat(depth);
  const name = driverName(driver);
  const groupKey = { [driver.dimension]: driver.key };
  facts.add(
    `${dimensionLabel(driver.dimension)} ${name}, ${humanRange(periods.previous)}`,
    driver.previous,
    periods.previous,
    { groupKey },
  );
  facts.add(
    `${dimensionLabel(driver.dimension)} ${name}, ${humanRange(periods.current)}`,
    driver.current,
    periods.current,
    { groupKey },
  );
  facts.add(`Change from ${dimensionLabel(driver.dimension)} ${name}`, driver.delta, periods.current, {
    groupKey,
  });
  const lines = [
    `${indent}• ${depth === 0 ? '' : `${dimensionLabel(driver.dimension)} `}${name}: ${formatSignedMoney(driver.delta, currency)} (${formatMoney(driver.previous, currency)} → ${formatMoney(driver.current, currency)})`,
  ];
  // Only the largest children are worth a line; the rest is in the facts and the waterfall.
  const children = driver.children
    .filter((child) => child.delta !== 0 && !child.isOther)
    .slice(0, depth === 0 ? 2 : 1);
  if (depth < 3)
    for (const child of children) lines.push(...describeDriver(child, depth + 1, facts, periods, currency));
  return lines;
}

function driverName(driver: ChangeDriver): string {
  if (driver.dimension === 'service' && driver.key && SHORT_NAMES[driver.key])
    return SHORT_NAMES[driver.key] ?? driver.key;
  return formatGroupValue(driver.dimension, driver.key, driver.label);
}

function requireBaseline(parsed: ParsedQuestion): TimeRange {
  if (parsed.compareTo) return parsed.compareTo;
  const days = daysBetween(parsed.range.start, parsed.range.end);
  return { start: addDays(parsed.range.start, -days), end: parsed.range.start };
}

function breakdownChart(table: CostTable, dimension: Dimension, title: string): ChartRequest {
  return {
    kind: 'breakdown',
    title,
    dimension: dimensionLabel(dimension),
    bars: table.rows.map((row) => ({
      label: chartLabel(rowLabel(table, dimension, row), row.key[dimension] ?? null, row.labels?.[dimension]),
      value: row.value,
    })),
    unit: table.currency,
  };
}

function plural(word: string): string {
  if (word.endsWith('s')) return word;
  if (word.endsWith('y')) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/**
 * Chart labels are short: an account or resource by its name alone (the text and the facts keep
 * the id), and "Other", which the charts recognise, fold and colour grey themselves.
 */
function chartLabel(label: string, key: string | null, name?: string): string {
  if (key === OTHER_GROUP) return 'Other';
  return name && name !== key ? name : label;
}

/**
 * The level worth drawing: when a question is already about one service, the top level is that
 * service alone, so the waterfall shows the level below it (accounts), and so on.
 */
function waterfallDrivers(drivers: ChangeDriver[]): ChangeDriver[] {
  let level = drivers;
  while (level.length === 1 && (level[0]?.children.length ?? 0) > 0) level = level[0]?.children ?? [];
  return level;
}

/** A group value for a sentence: services by their short name, accounts with name and id. */
export function displayGroupValue(dimension: Dimension, key: string | null, label?: string): string {
  if (dimension === 'service' && key && SHORT_NAMES[key]) return SHORT_NAMES[key] ?? key;
  return formatGroupValue(dimension, key, label);
}
