/** The demo organisation's payer, linked accounts and teams. Ids are fixed so docs can name them. */
export interface DemoAccount {
  id: string;
  name: string;
  /** The `env` tag a well-tagged resource in this account carries. */
  env: 'prod' | 'staging' | 'data' | 'sandbox' | 'shared' | 'management';
}

export const PAYER_ACCOUNT: DemoAccount = { id: '318204657921', name: 'acme-management', env: 'management' };
export const BILLING_ACCOUNT_NAME = 'Acme Retail (management)';

export const LINKED_ACCOUNTS = {
  prod: { id: '442069174385', name: 'acme-prod', env: 'prod' },
  staging: { id: '553108246790', name: 'acme-staging', env: 'staging' },
  data: { id: '661473025816', name: 'acme-data', env: 'data' },
  sandbox: { id: '774512398046', name: 'acme-sandbox', env: 'sandbox' },
  shared: { id: '885601743290', name: 'acme-shared-services', env: 'shared' },
} as const satisfies Record<string, DemoAccount>;

export type AccountKey = keyof typeof LINKED_ACCOUNTS;

export const ALL_ACCOUNTS: DemoAccount[] = [PAYER_ACCOUNT, ...Object.values(LINKED_ACCOUNTS)];

export const TEAMS = {
  payments: { costCenter: 'CC-1010', owner: 'maria.garcia@acme.example' },
  checkout: { costCenter: 'CC-1020', owner: 'tom.becker@acme.example' },
  search: { costCenter: 'CC-1030', owner: 'priya.nair@acme.example' },
  'data-platform': { costCenter: 'CC-2010', owner: 'li.wei@acme.example' },
  ml: { costCenter: 'CC-2020', owner: 'sam.okafor@acme.example' },
  platform: { costCenter: 'CC-3000', owner: 'jonas.lind@acme.example' },
} as const;

export type Team = keyof typeof TEAMS;

/** Tag keys as they appear in the Tags map of a line item (user-defined cost allocation tags). */
export type DemoTags = Partial<Record<'team' | 'env' | 'cost-center' | 'owner', string>>;

/**
 * How thoroughly a resource is tagged. Real estates are uneven: production is tagged by policy,
 * sandboxes and hand-made resources are not, and some teams forget `owner`.
 */
export type TagHygiene = 'full' | 'no-owner' | 'env-only' | 'none';

export function tagsFor(team: Team, account: DemoAccount, hygiene: TagHygiene): DemoTags {
  switch (hygiene) {
    case 'full':
      return { team, env: account.env, 'cost-center': TEAMS[team].costCenter, owner: TEAMS[team].owner };
    case 'no-owner':
      return { team, env: account.env, 'cost-center': TEAMS[team].costCenter };
    case 'env-only':
      return { env: account.env };
    case 'none':
      return {};
  }
}
