import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FinopsError } from './errors.ts';

/**
 * The only place that reads process.env. Everything else receives a Config.
 */
const environmentSchema = z.object({
  FINOPS_DATA_DIR: z.string().min(1).optional(),
  FINOPS_NOW: z.string().min(1).optional(),
});

export interface Config {
  /** Directory holding finops.duckdb; default ~/.finops-copilot. */
  dataDir: string;
  /** "Today" for every relative date; --now or FINOPS_NOW override the clock (tests, demos, replays). */
  now: Date;
}

export interface ConfigOverrides {
  dataDir?: string | undefined;
  now?: string | undefined;
}

export const DEFAULT_DATA_DIR_NAME = '.finops-copilot';

export function loadConfig(
  overrides: ConfigOverrides = {},
  environment: Record<string, string | undefined> = process.env,
  clock: () => Date = () => new Date(),
): Config {
  const env = environmentSchema.parse(environment);
  const nowText = overrides.now ?? env.FINOPS_NOW;
  return {
    dataDir: overrides.dataDir ?? env.FINOPS_DATA_DIR ?? join(homedir(), DEFAULT_DATA_DIR_NAME),
    now: nowText ? parseNow(nowText) : clock(),
  };
}

/** Accepts YYYY-MM-DD (midday UTC, so the day is the same in every time zone) or an ISO timestamp. */
export function parseNow(text: string): Date {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00Z` : text;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new FinopsError(
      'finops_config_error',
      `--now "${text}" is not a date: write it as YYYY-MM-DD, e.g. --now 2026-11-24`,
    );
  }
  return date;
}
