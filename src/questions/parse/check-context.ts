import { toDate, toDay } from '../../domain/index.ts';
import { FinopsError } from '../../errors.ts';
import type { Catalog, ParseContext } from './parsed-question.ts';
import { catalogSchema } from './parsed-question.ts';

const validatedCatalogs = new WeakSet<Catalog>();

/** The context comes from code, not from users: a bad one is a programming error, reported as such. */
export function checkContext(context: ParseContext): void {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(context.today) && !Number.isNaN(Date.parse(context.today));
  if (!isDay || toDay(toDate(context.today)) !== context.today) {
    throw new FinopsError(
      'finops_invalid_input',
      `parseQuestion needs today as a UTC calendar day written YYYY-MM-DD (e.g. 2026-11-24), got '${context.today}'`,
    );
  }
  if (validatedCatalogs.has(context.catalog)) return;
  const catalog = catalogSchema.safeParse(context.catalog);
  if (!catalog.success) {
    throw new FinopsError(
      'finops_invalid_input',
      `parseQuestion needs a catalog of the services, accounts, regions and tags in the data: ${catalog.error.issues
        .map((issue) => `${issue.path.join('.') || 'catalog'}: ${issue.message}`)
        .join('; ')}`,
      { cause: catalog.error },
    );
  }
  validatedCatalogs.add(context.catalog);
}
