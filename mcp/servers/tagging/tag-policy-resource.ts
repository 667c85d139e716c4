import { TAG_SPEND_METRIC, TAGGABLE_CHARGES } from '../../../src/recommendations/tagging/index.ts';

export const TAG_POLICY_URI = 'finops://tag-policy';

/**
 * The tag policy as a model reads it: which keys are required and exactly how compliance is
 * measured, so a figure from get_tag_compliance can be explained without guessing.
 */
export function tagPolicyDocument(requiredTags: readonly string[]): Record<string, unknown> {
  return {
    required_tags: [...requiredTags],
    configured_by:
      'FINOPS_REQUIRED_TAGS (comma-separated); a tool call may pass required_tags to check another policy',
    compliance: {
      resource:
        'A resource complies when it carries every required key with a non-empty value. Keys are case-sensitive: Team is not team.',
      spend: `Spend is ${TAG_SPEND_METRIC} (amortised: a Savings Plan covered instance counts at its effective rate) of ${TAGGABLE_CHARGES.join(', ')} charges only; purchases, tax and credits carry no resource tags and are left out. A billing row complies when its tags carry every required key; compliance_percent = compliant spend / total spend.`,
      by_key: 'For each key, the share of spend whose rows carry it (tagged_spend / total).',
      window:
        'Default: the last 30 days of billing data (half-open day range); pass period to choose another.',
      untagged_resources:
        'get_untagged_resources lists resources with spend missing at least one required key, largest first, with values suggested from neighbours (the instance a volume is attached to, the same stack, a shared name prefix, the same team, the same account) when they agree.',
    },
  };
}
