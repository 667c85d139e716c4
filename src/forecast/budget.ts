import { FinopsError } from '../errors.ts';
import { normalCdf, Z95 } from './normal.ts';
import type { PeriodProjection } from './project-period.ts';

export interface BudgetCheck {
  budget: number;
  projected: number;
  /** Chance the period ends above the budget, from the projection's interval (normal). */
  probabilityOver: number;
  /** projected − budget: positive when over. */
  overBy: number;
  verdict: 'under' | 'at-risk' | 'over';
}

/** At-risk once the budget is inside the upper half of the 80 % interval: a one-in-ten chance or more. */
export const AT_RISK_PROBABILITY = 0.1;

export function compareWithBudget(projection: PeriodProjection, budget: number): BudgetCheck {
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget <= 0) {
    throw new FinopsError(
      'finops_invalid_input',
      `a budget must be a positive amount, got ${String(budget)}: pass e.g. 50000 for a 50k budget`,
    );
  }
  const { projected } = projection;
  const sd = (projection.hi95 - projection.lo95) / (2 * Z95);
  let probabilityOver: number;
  if (projection.actualToDate > budget) probabilityOver = 1;
  else if (sd > 0) probabilityOver = 1 - normalCdf((budget - projected) / sd);
  else probabilityOver = projected > budget ? 1 : 0;
  const verdict = projected > budget ? 'over' : probabilityOver >= AT_RISK_PROBABILITY ? 'at-risk' : 'under';
  return { budget, projected, probabilityOver, overBy: projected - budget, verdict };
}
