import type { Database } from '../store/database.ts';
import { PAYER_ACCOUNT } from './accounts.ts';

/**
 * Multiplies the organisation for benchmarks: copy k (1 … scale-1) of every account, resource and
 * row gets a distinct account id and resource id, in SQL so that millions of rows never pass
 * through JavaScript. Resource ids either contain their account id (ARNs, bucket names), which is
 * swapped, or are AWS hex ids generated with 000 after the prefix, which becomes k in hex.
 */
export const MAX_SCALE = 4095;

const MACROS = `
CREATE OR REPLACE TEMP MACRO demo_account(id, k) AS
  lpad(((CAST(id AS BIGINT) + k * 1000003) % 1000000000000)::VARCHAR, 12, '0');
CREATE OR REPLACE TEMP MACRO demo_resource(rid, account, k) AS
  CASE
    WHEN rid IS NULL THEN NULL
    WHEN contains(rid, account) THEN replace(rid, account, demo_account(account, k))
    WHEN regexp_matches(rid, '^[a-z]+-000') THEN regexp_replace(rid, '^([a-z]+)-000', '\\1-' || printf('%03x', k))
    ELSE rid || '-' || k::VARCHAR
  END;
CREATE OR REPLACE TEMP MACRO demo_account_name(name, k) AS name || '-' || lpad(k::VARCHAR, 3, '0');
`;

export async function replicateOrganisation(db: Database, scale: number): Promise<void> {
  if (scale <= 1) return;
  const copies = `range(1, ${scale}) AS copies(k)`;
  await db.run(MACROS);
  await db.run(`
    INSERT INTO utilization_hourly
    SELECT demo_resource(u.resource_id, r.account_id, k), u.ts, u.metric, u.value
    FROM utilization_hourly u JOIN resources r USING (resource_id), ${copies}`);
  await db.run(`
    INSERT INTO resources BY NAME
    SELECT * EXCLUDE (k) REPLACE (
      demo_resource(resource_id, account_id, k) AS resource_id,
      demo_account(account_id, k) AS account_id,
      CAST(regexp_replace(CAST(attributes AS VARCHAR), '"(i|vol)-000', '"\\1-' || printf('%03x', k), 'g') AS JSON) AS attributes
    ) FROM resources, ${copies}`);
  await db.run(`
    INSERT INTO s3_bucket_stats BY NAME
    SELECT * EXCLUDE (k) REPLACE (
      demo_resource(bucket, account_id, k) AS bucket,
      demo_account(account_id, k) AS account_id
    ) FROM s3_bucket_stats, ${copies}`);
  // Ids are rewritten once per distinct (account, resource, copy) and joined back: the per-row
  // regular expressions would otherwise dominate the time at large scales.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE demo_copy_ids AS
    SELECT ids.SubAccountId, coalesce(ids.ResourceId, '') AS resource_key, k,
      demo_account(ids.SubAccountId, k) AS account_id,
      demo_account_name(ids.SubAccountName, k) AS account_name,
      demo_resource(ids.ResourceId, ids.SubAccountId, k) AS resource_id,
      demo_account('${PAYER_ACCOUNT.id}', k) AS payer_copy
    FROM (SELECT DISTINCT SubAccountId, SubAccountName, ResourceId FROM line_items
          WHERE starts_with(x_DeliveryId, 'demo:')) AS ids, ${copies}`);
  await db.run(`
    INSERT INTO line_items BY NAME
    SELECT li.* REPLACE (
      m.account_id AS SubAccountId,
      m.account_name AS SubAccountName,
      m.resource_id AS ResourceId,
      replace(li.CommitmentDiscountId, '${PAYER_ACCOUNT.id}', m.payer_copy) AS CommitmentDiscountId
    )
    FROM line_items li JOIN demo_copy_ids m
      ON m.SubAccountId = li.SubAccountId AND m.resource_key = coalesce(li.ResourceId, '')
    WHERE starts_with(li.x_DeliveryId, 'demo:')`);
  await db.run('DROP TABLE demo_copy_ids');
}
