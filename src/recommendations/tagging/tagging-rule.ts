import { daysBetween } from '../../domain/index.ts';
import { buildRecommendation } from '../build-recommendation.ts';
import { type Evidence, type Recommendation, roundUsd } from '../model.ts';
import type { Rule, RuleContext, RuleResult } from '../rule.ts';
import { usd } from '../rules/evidence.ts';
import { createTagSuggester, type TagSuggestion } from './suggest-tags.ts';
import { type TagComplianceOptions, tagComplianceReport, type UntaggedResource } from './tag-compliance.ts';

export interface TagMissingRuleOptions extends TagComplianceOptions {
  /** Resources whose non-compliant spend over the window is below this are not worth a card (default $1). */
  minimumSpendUsd?: number;
}

/** Days a monthly figure is scaled to: the spend window is 30 days, but a shorter one is scaled up. */
const DAYS_PER_MONTH = 30;

/**
 * `tag-missing`: the resources with the most spend missing a required tag, with the values their
 * neighbours suggest. Saves nothing by itself; its group keeps it out of every savings group.
 */
export function createTagMissingRule(options: TagMissingRuleOptions = {}): Rule {
  return {
    id: 'tag-missing',
    description:
      'Resources with the most spend missing a required tag (policy requiredTags), with tag values suggested from neighbouring resources.',
    async run(context: RuleContext): Promise<RuleResult> {
      const report = await tagComplianceReport(context, options);
      const inventory = await context.inventory.resources();
      const suggest = createTagSuggester(inventory);
      const minimum = options.minimumSpendUsd ?? 1;
      const recommendations = report.topUntaggedResources
        .filter((resource) => resource.nonCompliantUsd >= minimum && resource.missingKeys.length > 0)
        .map((resource) =>
          tagRecommendation(
            context,
            resource,
            suggest(
              {
                resourceId: resource.resourceId,
                resourceName: resource.resourceName,
                accountId: resource.accountId,
                tags: resource.tags,
                attributes: resource.inventory?.attributes,
              },
              resource.missingKeys,
            ),
          ),
        );
      const compliance = report.spend.compliance;
      const notes = [
        `Tag compliance of spend: ${compliance === null ? 'no taggable spend' : `${(compliance * 100).toFixed(1)} %`} (${usd(report.spend.compliantUsd)} of ${usd(report.spend.totalUsd)} carries ${report.requiredTags.join(', ')}).`,
        ...report.notes,
      ];
      return { recommendations, notes };
    },
  };
}

export const tagMissingRule: Rule = createTagMissingRule();

function tagRecommendation(
  context: RuleContext,
  resource: UntaggedResource,
  suggestions: TagSuggestion[],
): Recommendation {
  const window = context.spendWindow;
  const days = daysBetween(window.start, window.end);
  const monthly = (resource.nonCompliantUsd * DAYS_PER_MONTH) / days;
  const label =
    resource.resourceName && resource.resourceName !== resource.resourceId
      ? `${resource.resourceName} (${resource.resourceId})`
      : resource.resourceId;
  // Global resources (CloudFront, IAM) carry no region, or `global`; their tagging API is in us-east-1.
  const region = resource.region && resource.region !== 'global' ? resource.region : undefined;
  const suggested = new Map(suggestions.map((suggestion) => [suggestion.key, suggestion]));
  const unsuggested = resource.missingKeys.filter((key) => !suggested.has(key));
  const evidence: Evidence[] = [
    {
      name: `untagged spend (${days} days, EffectiveCost)`,
      value: roundUsd(resource.nonCompliantUsd),
      unit: 'USD',
      window,
    },
    {
      name: `required tags missing: ${resource.missingKeys.join(', ')}`,
      value: resource.missingKeys.length,
      unit: 'keys',
      threshold: `0 of the ${context.policy.requiredTags.length} required keys`,
    },
  ];
  const proposed: Record<string, string> = {};
  for (const suggestion of suggestions) {
    proposed[`tag:${suggestion.key}`] = suggestion.value;
    proposed[`basis:${suggestion.key}`] = `${suggestion.basis}: ${suggestion.explanation}`;
  }
  const current: Record<string, string> = { missingTags: resource.missingKeys.join(', ') };
  for (const [key, value] of Object.entries(resource.tags)) current[`tag:${key}`] = value;

  const arn = resourceArn(resource);
  const tagArguments = resource.missingKeys
    .map((key) => `${key}=${shellQuote(suggested.get(key)?.value ?? `<${key}>`)}`)
    .join(',');
  const warnings: string[] = [];
  if (unsuggested.length > 0)
    warnings.push(
      `No value for ${unsuggested.join(', ')} could be inferred: the neighbours (stack, name prefix, team, account) do not agree on one. Ask the resource's owner; the CLI shows <placeholders>.`,
    );
  if (!arn.known)
    warnings.push(
      `The ARN of ${resource.resourceId} could not be derived from its id; look it up before running the CLI.`,
    );
  if (days !== DAYS_PER_MONTH)
    warnings.push(`The spend window has ${days} days; the monthly figure is scaled to 30 days.`);

  return buildRecommendation(context, {
    type: 'tag-missing',
    group: `tags:${resource.accountId}:${resource.resourceId}`,
    service: resource.service,
    accountId: resource.accountId,
    region: region ?? 'global',
    resourceId: resource.resourceId,
    ...(resource.resourceName ? { resourceName: resource.resourceName } : {}),
    title: `Tag ${label}: ${resource.missingKeys.join(', ')} missing`,
    rationale: `${label} had $${resource.nonCompliantUsd.toFixed(2)} of spend over ${window.start} – ${window.end} that cannot be allocated by ${resource.missingKeys.join(', ')}. ${
      suggestions.length > 0
        ? `Suggested from neighbours: ${suggestions.map((suggestion) => `${suggestion.key}=${suggestion.value} (${suggestion.explanation})`).join('; ')}.`
        : 'No neighbour agrees on a value; the owner has to supply them.'
    }`,
    evidence,
    current,
    proposed,
    currentMonthlyCost: roundUsd(monthly),
    estimatedMonthlySavings: 0,
    savingsBasis: `Tagging saves nothing by itself; it makes $${monthly.toFixed(2)} a month allocatable (the resource's untagged EffectiveCost over the ${days}-day spend window, scaled to 30 days).`,
    pricesUsed: [],
    effort: 'low',
    risk: 'low',
    steps: {
      console: [
        `Open the console of account ${resource.accountId}${region ? ` in ${region}` : ''} and find ${resource.resourceId}.`,
        `Tags → Manage tags: add ${resource.missingKeys.map((key) => `${key}=${suggested.get(key)?.value ?? `<${key}>`}`).join(', ')}.`,
        'Or use Resource Groups & Tag Editor to tag it together with its neighbours.',
      ],
      cli: [
        `aws resourcegroupstaggingapi tag-resources --region ${region ?? 'us-east-1'} --resource-arn-list ${shellQuote(arn.arn)} --tags ${tagArguments}`,
      ],
    },
    warnings,
  });
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The ARN the Tagging API wants, from the ids the billing data carries. */
export function resourceArn(resource: {
  resourceId: string;
  accountId: string;
  region?: string | undefined;
  service: string;
  inventory?: { resourceType: string } | undefined;
}): { arn: string; known: boolean } {
  const id = resource.resourceId;
  if (id.startsWith('arn:')) return { arn: id, known: true };
  const region = resource.region ?? '';
  const account = resource.accountId;
  const ec2 = (kind: string) => ({
    arn: `arn:aws:ec2:${region}:${account}:${kind}/${id}`,
    known: region !== '',
  });
  if (id.startsWith('i-')) return ec2('instance');
  if (id.startsWith('vol-')) return ec2('volume');
  if (id.startsWith('snap-')) return ec2('snapshot');
  if (id.startsWith('nat-')) return ec2('natgateway');
  if (
    resource.inventory?.resourceType === 's3_bucket' ||
    resource.service === 'Amazon Simple Storage Service'
  )
    return { arn: `arn:aws:s3:::${id}`, known: true };
  return { arn: `<arn of ${id}>`, known: false };
}
