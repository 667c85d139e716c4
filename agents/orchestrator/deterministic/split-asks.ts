import { statesPeriod } from '../../../src/questions/parse/stated-period.ts';
import { askKind, endsWithAsk, squash, startsWithAsk, withoutAskWords } from './ask-words.ts';
import { dedupe, intentOf } from './follow-up.ts';
import type { Route, RouteContext } from './route-types.ts';

const CONJUNCTION = / (?:and|plus|as well as|&) (?:also )?/g;
/** Words that open the second ask without saying anything: "and its savings", "and the forecast". */
const OPENER = /^(?:(?:its|their|the|show|me|give|us|what|whats|is|are|about|how|any|a|an|our|then)\s+)*/;

/**
 * "forecast and anomalies for prod", "EC2 spend last week and its savings": two asks joined by a
 * conjunction, each routed on its own with what the other half says about period and scope
 * ("for prod" applies to both). Split only where the conjunction stands between two asks (one
 * half ends with an ask word or the other opens with one) of different kinds, so "EC2 and S3
 * costs" or "between March and April" stay one question.
 */
export function routeSplit(
  normalised: string,
  context: RouteContext,
  routeOne: (text: string) => Route,
): Route | undefined {
  for (const match of normalised.matchAll(CONJUNCTION)) {
    const first = squash(normalised.slice(0, match.index));
    const second = squash(normalised.slice(match.index + match[0].length).replace(OPENER, ''));
    const firstKind = askKind(first);
    const secondKind = askKind(second);
    if (!firstKind || !secondKind || firstKind === secondKind) continue;
    if (firstKind === 'explain' || secondKind === 'explain') continue;
    if (!endsWithAsk(first) && !startsWithAsk(second)) continue;
    const firstRoute = routeHalf(first, second, context, routeOne);
    const secondRoute = routeHalf(second, first, context, routeOne);
    if (!firstRoute || !secondRoute) return undefined;
    const calls = dedupe([...firstRoute.calls, ...secondRoute.calls]);
    return {
      intent: intentOf(calls),
      calls,
      plan: firstRoute.plan ?? secondRoute.plan,
    };
  }
  return undefined;
}

function routeHalf(
  own: string,
  other: string,
  context: RouteContext,
  routeOne: (text: string) => Route,
): Route | undefined {
  const shared = withoutAskWords(other);
  const bothHavePeriods = statesPeriod(own, context.today) && statesPeriod(other, context.today);
  if (shared !== '' && !bothHavePeriods) {
    const withShared = routeOne(`${own} ${shared}`);
    if (withShared.calls.length > 0) return withShared;
  }
  const alone = routeOne(own);
  return alone.calls.length > 0 ? alone : undefined;
}
