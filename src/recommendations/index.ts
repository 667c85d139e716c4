export { buildRecommendation, type RecommendationDraft } from './build-recommendation.ts';
export {
  type Actor,
  type AuditRecord,
  type AuthorisationPolicy,
  type AuthorisationPolicyInput,
  authorisationPolicySchema,
  createDecisionService,
  DEFAULT_AUTHORISATION_POLICY,
  type DecideInput,
  type DecisionAction,
  type DecisionResult,
  type DecisionService,
  describeDecision,
  INVALID_ID_AUDIT,
  type ListFilter,
  listStored,
  readAudit,
  type StoredRecommendation,
  saveRun,
} from './decisions/index.ts';
export {
  type GenerateRecommendationsOptions,
  generateRecommendations,
  RESOURCE_RULES,
  type RecommendationRun,
} from './generate-recommendations.ts';
export {
  compareBySavings,
  groupRecommendations,
  type RecommendationGroup,
  totalMonthlySavings,
} from './group-recommendations.ts';
export {
  type Evidence,
  HOURS_PER_MONTH,
  type PriceUsed,
  RECOMMENDATION_ID_PATTERN,
  RECOMMENDATION_TYPES,
  type Recommendation,
  type RecommendationStatus,
  type RecommendationType,
  recommendationId,
  recommendationSchema,
} from './model.ts';
export { DEFAULT_RULE_POLICY, type RulePolicy, rulePolicySchema } from './policy.ts';
export { matchesFilters, splitRecommendationFilters, tagsOf } from './recommendation-filters.ts';
export {
  createRecommendationService,
  type RecommendationService,
  type RecommendationServiceOptions,
} from './recommendation-service.ts';
export {
  describeEvidence,
  evidenceLine,
  RECOMMENDATION_TYPE_LABELS,
  toRecommendationSummary,
} from './recommendation-summary.ts';
export type { Rule, RuleContext, RuleResult } from './rule.ts';
