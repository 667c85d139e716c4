export type {
  SuggestionBasis,
  TagSubject,
  TagSuggester,
  TagSuggesterOptions,
  TagSuggestion,
} from './suggest-tags.ts';
export { createTagSuggester, namePrefix, SUGGESTION_BASES } from './suggest-tags.ts';
export type {
  AccountServiceGap,
  KeyCoverage,
  TagComplianceOptions,
  TagComplianceReport,
  UntaggedResource,
} from './tag-compliance.ts';
export { TAG_SPEND_METRIC, TAGGABLE_CHARGES, tagComplianceReport } from './tag-compliance.ts';
export type { TagMissingRuleOptions } from './tagging-rule.ts';
export { createTagMissingRule, resourceArn, tagMissingRule } from './tagging-rule.ts';
