/**
 * Inventory beside the cost rows: what exists (`resources`), how busy it is
 * (`utilization_hourly`, CloudWatch-style hourly datapoints) and S3 bucket statistics. The demo
 * organisation fills them; rules such as "idle instance" or "cold bucket" read them. Resource ids
 * are the same strings as line_items.ResourceId so the two join.
 */
export const INVENTORY_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS resources (
  resource_id VARCHAR NOT NULL,
  resource_name VARCHAR,
  service VARCHAR NOT NULL,          -- ServiceName as in line_items
  resource_type VARCHAR NOT NULL,    -- ec2_instance | ebs_volume | ebs_snapshot | s3_bucket | rds_instance | nat_gateway | lambda_function | dynamodb_table | cloudfront_distribution
  account_id VARCHAR NOT NULL,
  region VARCHAR NOT NULL,
  size VARCHAR,                      -- instance type / class, or a size such as '500 GiB'
  state VARCHAR NOT NULL,            -- running | stopped | available | in-use | completed | active | deployed
  attributes JSON NOT NULL,          -- architecture, vcpu, memory_gib, volume_type, size_gib, iops, attached_to, engine, storage_type …
  tags MAP(VARCHAR, VARCHAR) NOT NULL,
  created_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS utilization_hourly (
  resource_id VARCHAR NOT NULL,
  ts TIMESTAMP NOT NULL,             -- start of the hour, UTC
  metric VARCHAR NOT NULL,           -- cpu_percent | memory_percent | network_in_bytes | network_out_bytes | db_connections
  value DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS s3_bucket_stats (
  bucket VARCHAR NOT NULL,
  account_id VARCHAR NOT NULL,
  region VARCHAR NOT NULL,
  storage_class VARCHAR NOT NULL,
  size_bytes BIGINT NOT NULL,
  object_count BIGINT NOT NULL,
  get_requests_30d BIGINT NOT NULL,
  put_requests_30d BIGINT NOT NULL,
  lifecycle_rules INTEGER NOT NULL,
  last_accessed TIMESTAMP
);
`;

export const INVENTORY_TABLES = ['resources', 'utilization_hourly', 's3_bucket_stats'] as const;
