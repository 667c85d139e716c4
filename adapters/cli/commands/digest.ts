import { renderChart } from '../../../charts/index.ts';
import {
  buildDigest,
  createEngineTagCompliance,
  type DigestScope,
  lastFullDays,
} from '../../../src/digest/content/index.ts';
import type { CostFilter, Dimension } from '../../../src/domain/index.ts';
import { toDay } from '../../../src/domain/index.ts';
import { FinopsError } from '../../../src/errors.ts';
import { readLatestRun } from '../../../src/recommendations/decisions/index.ts';
import { openStateStore } from '../../state/open-state-store.ts';
import type { CommandContext } from '../main.ts';
import { writeBinary } from '../main.ts';
import { renderAnswer } from '../render-answer.ts';
import { openRuntimeWithData } from './ensure-data.ts';

const SCOPE_DIMENSIONS: Record<string, Dimension> = {
  account: 'sub_account',
  service: 'service',
  region: 'region',
};

/** `--scope "team=payments"`, `--scope "account=prod,staging"`: a tag or an account, service or region. */
export function parseScope(text: string | undefined): DigestScope {
  if (text === undefined || text.trim() === '') return { label: 'all accounts', filters: [] };
  const filters: CostFilter[] = [];
  for (const part of text.split(';')) {
    const match = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!match?.[1] || !match[2]) {
      throw new FinopsError(
        'finops_invalid_input',
        `--scope takes key=value (a tag key, or account, service or region), e.g. --scope "team=payments", not "${part}"`,
      );
    }
    const dimension: Dimension = SCOPE_DIMENSIONS[match[1]] ?? `tag:${match[1]}`;
    const values = match[2]
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    filters.push({ dimension, op: 'in', values });
  }
  return { label: text.trim(), filters };
}

function parseBudget(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const budget = Number(text.replace(/^\$/, '').replaceAll(',', ''));
  if (!Number.isFinite(budget) || budget <= 0) {
    throw new FinopsError(
      'finops_invalid_input',
      `--budget takes the month's budget in dollars, e.g. --budget 50000 (got "${text}")`,
    );
  }
  return budget;
}

/** `finops digest preview`: the weekly digest of the last 7 full days, printed here instead of posted. */
export async function commandDigest(context: CommandContext): Promise<number> {
  const [sub] = context.positionals;
  if (sub !== 'preview') {
    throw new FinopsError(
      'finops_invalid_input',
      `digest needs a subcommand: finops digest preview [--scope "team=payments"] [--budget N] [--chart out.png] [--json]${sub ? ` (got "${sub}")` : ''}`,
    );
  }
  const scope = parseScope(context.flags.scope);
  const budget = parseBudget(context.flags.budget);
  const runtime = await openRuntimeWithData(context);
  const store = await openStateStore(context.config.stateStore, () => context.config.now);
  try {
    const recommendations = runtime.recommendations(store);
    // The digest reads stored recommendations and their decisions; a fresh store has none yet.
    if (!(await readLatestRun(store))) await recommendations.refresh();
    const today = toDay(context.config.now);
    const answer = await buildDigest({
      engine: runtime.engine,
      recommendations,
      tagCompliance: createEngineTagCompliance({
        engine: runtime.engine,
        requiredTags: context.config.requiredTags,
      }),
      today,
      scope,
      period: lastFullDays(today),
      budget,
    });
    if (context.flags.chart) {
      const chart = answer.charts[0];
      if (chart) {
        const rendered = await renderChart(chart, { scale: 1 });
        await writeBinary(context.flags.chart, rendered.png);
        context.err(
          `Chart written to ${context.flags.chart} (${rendered.width}×${rendered.height}): ${rendered.altText}`,
        );
      } else {
        context.err('This digest has no chart to write: the week was empty.');
      }
    }
    context.out(
      context.flags.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer, { color: context.color }),
    );
    return 0;
  } finally {
    await store.close();
    runtime.close();
  }
}
