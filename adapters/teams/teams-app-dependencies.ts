import type { Orchestrator } from '../../agents/orchestrator/orchestrator-port.ts';
import type { ChartRequest } from '../../src/domain/index.ts';
import type { Catalog } from '../../src/questions/parse/index.ts';
import type { RecommendationService } from '../../src/recommendations/index.ts';
import type { StateStore } from '../../src/state/index.ts';

/** One structured log line; never holds a token, a secret, a request body or a whole answer. */
export type TeamsLog = (entry: {
  level: 'info' | 'warn' | 'error';
  event: string;
  [key: string]: unknown;
}) => void;

/** What the Teams agent calls: the platform-neutral copilot, decisions, state and charts. */
export interface TeamsAppDependencies {
  orchestrator: Pick<Orchestrator, 'ask' | 'preview'>;
  recommendations: Pick<RecommendationService, 'decide'>;
  /** Conversation references for proactive answers, answer cards for Approve / Dismiss refreshes. */
  stateStore: StateStore;
  /** Draws a chart request as a PNG (charts/renderChart); absent = answers without images. */
  renderChart?:
    | ((request: ChartRequest, scale: 1 | 2) => Promise<{ png: Uint8Array; altText: string }>)
    | undefined;
  log?: TeamsLog | undefined;
  /** The data's catalog, to resolve digest scopes (`for team=payments`); absent = no `digest` command. */
  catalog?: (() => Promise<Catalog>) | undefined;
  /** The wall clock for expiry and latency logs. */
  clock?: (() => Date) | undefined;
  /** The business "today" a snooze counts from (the data's clock, `--now` in demos). */
  today?: (() => Date) | undefined;
  /** Reference ids for failures, card keys and chart ids; default random. */
  generateId?: (() => string) | undefined;
}
