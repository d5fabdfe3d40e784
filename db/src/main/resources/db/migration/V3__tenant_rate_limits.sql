-- Per-tenant call limits (issue: rate and concurrency limits). NULL = the gateway's default for all tenants
-- (mcpgateway.rate-limit.*, mcpgateway.limits.max-response-size); 0 = unlimited for this tenant.
-- A token bucket is set as a pair: requests per second and burst, both or neither, burst >= rate.
ALTER TABLE tenant
    ADD COLUMN rate_limit_per_user_rps   integer,
    ADD COLUMN rate_limit_per_user_burst integer,
    ADD COLUMN rate_limit_tenant_rps     integer,
    ADD COLUMN rate_limit_tenant_burst   integer,
    ADD COLUMN max_concurrent_calls      integer,
    ADD COLUMN max_response_bytes        bigint,
    ADD CONSTRAINT tenant_rate_limit_per_user_pair CHECK (
        (rate_limit_per_user_rps IS NULL) = (rate_limit_per_user_burst IS NULL)
        AND (rate_limit_per_user_rps IS NULL
             OR (rate_limit_per_user_rps BETWEEN 0 AND 1000000
                 AND rate_limit_per_user_burst BETWEEN rate_limit_per_user_rps AND 10000000))),
    ADD CONSTRAINT tenant_rate_limit_tenant_pair CHECK (
        (rate_limit_tenant_rps IS NULL) = (rate_limit_tenant_burst IS NULL)
        AND (rate_limit_tenant_rps IS NULL
             OR (rate_limit_tenant_rps BETWEEN 0 AND 1000000
                 AND rate_limit_tenant_burst BETWEEN rate_limit_tenant_rps AND 10000000))),
    ADD CONSTRAINT tenant_max_concurrent_calls_range CHECK (max_concurrent_calls BETWEEN 0 AND 100000),
    ADD CONSTRAINT tenant_max_response_bytes_range CHECK (max_response_bytes BETWEEN 0 AND 1073741824);
