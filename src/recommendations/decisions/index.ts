export {
  type AuthorisationPolicy,
  type AuthorisationPolicyInput,
  type AuthorisationResult,
  authorisationPolicySchema,
  authorise,
  DEFAULT_AUTHORISATION_POLICY,
  policyFor,
  type ScopePolicy,
  scopePolicySchema,
} from './authorisation-policy.ts';
export {
  createDecisionService,
  type DecideInput,
  type DecisionResult,
  type DecisionService,
  type DecisionServiceOptions,
  describeDecision,
  type RefusalCode,
} from './decide.ts';
export {
  type Actor,
  type AuditRecord,
  actorSchema,
  auditRecordSchema,
  type Decision,
  type DecisionAction,
  type DecisionScope,
  decisionActionSchema,
  type StoredRecommendation,
  storedRecommendationSchema,
} from './decision-types.ts';
export {
  auditPartition,
  effectiveStatus,
  type ListFilter,
  listStored,
  RECOMMENDATION_PARTITION,
  readAudit,
  readLatestRun,
  SNOOZE_REOPEN_GROWTH,
  type SyncResult,
  saveRun,
} from './recommendation-store.ts';
