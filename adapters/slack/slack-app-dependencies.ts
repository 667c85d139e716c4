import type { Orchestrator } from '../../agents/orchestrator/orchestrator-port.ts';
import type { ChartRequest } from '../../src/domain/index.ts';
import type { Catalog } from '../../src/questions/parse/index.ts';
import type { RecommendationService } from '../../src/recommendations/index.ts';
import type { StateStore } from '../../src/state/index.ts';

/** One structured log line; never holds a token, a request body or a whole answer. */
export type SlackLog = (entry: {
  level: 'info' | 'warn' | 'error';
  event: string;
  [key: string]: unknown;
}) => void;

/** What the Slack app calls: the platform-neutral copilot, decisions, state and charts. */
export interface SlackAppDependencies {
  orchestrator: Pick<Orchestrator, 'ask' | 'preview'>;
  recommendations: Pick<RecommendationService, 'decide' | 'list'>;
  /** Event de-duplication keys, stored answers behind "show more", open dismiss dialogs. */
  stateStore: StateStore;
  /** The data's services, accounts, regions and tags: `/finops digest … for team=payments` scopes must name them. */
  catalog(): Promise<Catalog>;
  /** Draws a chart request as a PNG (charts/renderChart); absent = answers without images. */
  renderChart?: ((request: ChartRequest) => Promise<{ png: Uint8Array; altText: string }>) | undefined;
  log?: SlackLog | undefined;
  /** The wall clock for de-duplication expiry and latency logs (the data's "today" is the orchestrator's). */
  clock?: (() => Date) | undefined;
  /** Reference ids for failures; default random. */
  generateId?: (() => string) | undefined;
  /** Used to POST chart bytes to the upload URL. */
  fetch?: typeof fetch | undefined;
}
