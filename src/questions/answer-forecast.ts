import type { ChartRequest, TimeRange } from '../domain/index.ts';
import { addDays, humanRange } from '../domain/index.ts';
import type { CostEngine } from '../engine/index.ts';
import { compareWithBudget, forecastCost } from '../forecast/index.ts';
import { type AnswerBasis, describeBasis, FactCollector } from './answer-context.ts';
import { type AnswerBody, displayGroupValue } from './answer-intents.ts';
import { formatMoney } from './format.ts';
import type { ParsedQuestion } from './parse/index.ts';

interface ForecastInput {
  parsed: ParsedQuestion;
  basis: AnswerBasis;
  engine: CostEngine;
  today: string;
}

/**
 * "Forecast this month", "will we go over our 50k budget": the period's actual spend so far plus
 * a forecast of the rest, with 80 % and 95 % ranges, and the budget verdict when one is named.
 */
export async function answerForecast(input: ForecastInput): Promise<AnswerBody> {
  const { parsed, basis, engine, today } = input;
  const target: TimeRange = parsed.target ?? parsed.range;
  const groupBy =
    parsed.groupBy === 'service' || parsed.groupBy === 'sub_account' ? parsed.groupBy : undefined;
  const forecast = await forecastCost(engine, {
    period: target,
    today,
    filters: basis.filters,
    metric: basis.metric,
    ...(basis.chargeCategories ? { chargeCategories: basis.chargeCategories } : {}),
    ...(groupBy ? { groupBy } : {}),
  });
  const { projection } = forecast;
  const currency = forecast.currency;
  const money = (value: number) => formatMoney(value, currency);
  const facts = new FactCollector(basis);
  const knownEnd = projection.daysActual > 0 ? addDays(target.start, projection.daysActual) : target.start;
  const known: TimeRange | undefined =
    projection.daysActual > 0 ? { start: target.start, end: knownEnd } : undefined;
  const projected = facts.add(`Projected spend, ${humanRange(target)}`, projection.projected, target, {
    unit: currency,
  });
  facts.add('80% range, low', projection.lo80, target);
  facts.add('80% range, high', projection.hi80, target);
  facts.add('95% range, low', projection.lo95, target);
  facts.add('95% range, high', projection.hi95, target);
  const lines = [
    `Forecast for ${humanRange(target)}: *${money(projected.value)}* (80% range ${money(projection.lo80)}–${money(projection.hi80)}; 95% range ${money(projection.lo95)}–${money(projection.hi95)}).`,
  ];
  if (known) {
    facts.add(`Spent so far, ${humanRange(known)}`, projection.actualToDate, known);
    facts.add(`Forecast for the remaining ${projection.daysForecast} days`, projection.forecastRemaining, {
      start: knownEnd,
      end: target.end,
    });
    lines.push(
      `• ${money(projection.actualToDate)} spent ${humanRange(known)}, plus ${money(projection.forecastRemaining)} forecast for the remaining ${projection.daysForecast} day${projection.daysForecast === 1 ? '' : 's'}.`,
    );
  } else {
    lines.push(
      `• All ${projection.daysForecast} days are forecast from the daily history up to ${addDays(today, -1)}.`,
    );
  }
  if (parsed.budget !== undefined) {
    const check = compareWithBudget(projection, parsed.budget);
    facts.add('Budget', check.budget, target, { metric: false });
    facts.add('Projected minus budget', check.overBy, target);
    facts.add('Probability of going over', check.probabilityOver, target, { unit: 'ratio', metric: false });
    const verdict =
      check.verdict === 'over'
        ? `likely to go *over* the ${money(check.budget)} budget by about ${money(check.overBy)}`
        : check.verdict === 'at-risk'
          ? `*at risk* against the ${money(check.budget)} budget`
          : `on track to stay *under* the ${money(check.budget)} budget, by about ${money(-check.overBy)}`;
    lines.push(`• Budget: ${verdict} (chance of going over: ${Math.round(check.probabilityOver * 100)}%).`);
  }
  for (const group of forecast.groups ?? []) {
    const name = displayGroupValue(groupBy ?? 'service', group.key, group.label);
    facts.add(`Projected spend for ${name}`, group.projection.projected, target, {
      groupKey: { [groupBy ?? 'service']: group.key },
    });
    lines.push(
      `  ◦ ${name}: ${money(group.projection.projected)} (80% ${money(group.projection.lo80)}–${money(group.projection.hi80)})`,
    );
  }
  lines.push(
    `• Method: ${projection.method === 'holt-winters' ? 'Holt-Winters (damped trend, weekly season, first and last days of the month modelled apart)' : projection.method}, fitted on daily ${basis.metric} history up to ${addDays(today, -1)}.`,
  );
  const chart: ChartRequest = {
    kind: 'forecast',
    title: `Daily spend and forecast, ${humanRange(target)}`,
    actual: forecast.daily.history.map((point) => ({ x: point.date, value: point.value })),
    forecast: forecast.daily.points.map((point) => ({
      x: point.date,
      value: point.value,
      lo80: point.lo80,
      hi80: point.hi80,
      lo95: point.lo95,
      hi95: point.hi95,
    })),
    unit: currency,
  };
  return {
    intent: 'forecast',
    text: lines.join('\n'),
    basis: describeBasis(basis, [target]),
    facts: facts.facts,
    tables: [],
    charts: [chart],
    followUps: ['forecast by service this month', 'any anomalies last week?', 'why did it change?'],
    warnings: projection.caveats,
  };
}
