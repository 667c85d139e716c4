import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CostEngine } from '../../src/engine/index.ts';
import type { ListFilter, StoredRecommendation } from '../../src/recommendations/index.ts';

/** Where specialists read recommendations: the latest stored run (generated once if none). */
export interface RecommendationSource {
  list(filter?: ListFilter): Promise<StoredRecommendation[]>;
}

/**
 * What the specialists read data through. The ec2, s3, rds, tagging and commitments specialists
 * call the MCP servers (cost-explorer, cloudwatch, tagging) through real MCP clients, in-memory
 * by default, so they read exactly what an outside MCP client would. cost-analysis and
 * forecasting run the question composers on the cost engine (the same engine the embedded
 * cost-explorer server wraps), because their answers need engine calls the tools summarise.
 */
export interface SpecialistDependencies {
  engine: CostEngine;
  recommendations: RecommendationSource;
  mcp: { costExplorer: Client; cloudwatch: Client; tagging: Client };
  /** The clock; `today` for relative periods is its UTC day. */
  now: () => Date;
  /** The tag policy (Config.requiredTags) tag compliance is measured against. */
  requiredTags: readonly string[];
}
