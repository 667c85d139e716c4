import type { Answer, Fact } from '../../src/domain/index.ts';
import { toRecommendationSummary } from '../../src/recommendations/index.ts';
import { type HomeView, renderAppHome } from './render/index.ts';
import type { SlackAppDependencies } from './slack-app-dependencies.ts';

export const HOME_SPEND_QUESTION = 'spend this month';
export const HOME_FORECAST_QUESTION = 'forecast this month';

/**
 * The Home tab: month-to-date spend and the month's forecast, asked of the orchestrator like any
 * other question (so the figures are the same ones a chat answer gives), and the top open
 * recommendations from the store.
 */
export async function buildAppHome(
  deps: Pick<SlackAppDependencies, 'orchestrator' | 'recommendations'>,
  input: { userId: string; asOf: Date },
): Promise<HomeView> {
  const [spend, forecast, stored] = await Promise.all([
    deps.orchestrator.ask({ question: HOME_SPEND_QUESTION, userId: input.userId }),
    deps.orchestrator.ask({ question: HOME_FORECAST_QUESTION, userId: input.userId }),
    deps.recommendations.list({ status: 'open' }),
  ]);
  const monthToDate = firstMoneyFact(spend);
  const projected = firstMoneyFact(forecast);
  const low = forecast.facts.find((fact) => /80% range, low/i.test(fact.label));
  const high = forecast.facts.find((fact) => /80% range, high/i.test(fact.label));
  const topRecommendations = stored
    .map(toRecommendationSummary)
    .sort((a, b) => b.estimatedMonthlySavings - a.estimatedMonthlySavings);
  return renderAppHome({
    monthToDate: monthToDate ?? {
      ...placeholderFact(input.asOf),
      label: 'Spend this month',
    },
    ...(projected ? { forecast: projected } : {}),
    ...(low && high ? { forecastInterval: { low, high } } : {}),
    topRecommendations,
    asOf: input.asOf.toISOString(),
  });
}

function firstMoneyFact(answer: Answer): Fact | undefined {
  return answer.facts.find((fact) => fact.unit === 'USD') ?? answer.facts[0];
}

/** No data yet: a zero with its provenance saying so, rather than an empty Home tab. */
function placeholderFact(asOf: Date): Fact {
  const day = asOf.toISOString().slice(0, 10);
  return {
    id: 'home-empty',
    label: 'Spend this month',
    value: 0,
    unit: 'USD',
    metric: 'EffectiveCost',
    period: { start: `${day.slice(0, 8)}01`, end: day },
    filters: [],
    source: { name: 'no data loaded', kind: 'demo', currency: 'USD' },
  } as Fact;
}
