import type { CostFilter, TimeRange } from '../../domain/index.ts';
import type { CostEngine } from '../../engine/index.ts';
import { TAG_SPEND_METRIC, TAGGABLE_CHARGES } from '../../recommendations/tagging/index.ts';

/** Spend compliance with the tag policy over one period: compliant / taggable spend. */
export interface TagComplianceFigure {
  requiredTags: string[];
  totalUsd: number;
  compliantUsd: number;
  /** 0–1; null when there is no taggable spend. */
  compliance: number | null;
}

export type TagComplianceSource = (filters: CostFilter[], range: TimeRange) => Promise<TagComplianceFigure>;

/**
 * Spend compliance measured the way the tagging report (tagComplianceReport, behind the tagging
 * MCP tools) measures it: amortised usage spend carrying every required key. Unlike the report it
 * honours the digest's scope filters, so a team sees its own compliance.
 */
export function createEngineTagCompliance(options: {
  engine: CostEngine;
  requiredTags: readonly string[];
}): TagComplianceSource {
  const requiredTags = [...options.requiredTags];
  return async (filters, range) => {
    const selection = { range, metric: TAG_SPEND_METRIC, chargeCategories: [...TAGGABLE_CHARGES] };
    const present: CostFilter[] = requiredTags.map((key) => ({ dimension: `tag:${key}`, op: 'present' }));
    const [total, compliant] = await Promise.all([
      options.engine.query({ ...selection, filters }),
      options.engine.query({ ...selection, filters: [...filters, ...present] }),
    ]);
    return {
      requiredTags,
      totalUsd: total.total,
      compliantUsd: compliant.total,
      compliance: total.total === 0 ? null : compliant.total / total.total,
    };
  };
}
