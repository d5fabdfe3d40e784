-- Issue 12 (hardening, tenant-admin).
-- Accounts can be disabled: a disabled account cannot sign in and its API tokens stop working.
ALTER TABLE admin_account ADD COLUMN enabled boolean NOT NULL DEFAULT true;

-- A token of a local account is bound to the account row, not only to its name: an account deleted and
-- re-created with the same name does not inherit the old tokens. NULL for tokens of OIDC people (no row).
-- No foreign key: deleting an account revokes its tokens and keeps them as history.
ALTER TABLE api_token ADD COLUMN account_id bigint;
UPDATE api_token t SET account_id = a.id FROM admin_account a WHERE lower(a.username) = lower(t.owner);
CREATE INDEX api_token_account_idx ON api_token (account_id);

-- An audited change to something outside this database (Vault) is recorded as 'pending' in its own committed
-- transaction before the change, then marked 'succeeded' or 'failed'; a row left 'pending' means the change
-- may or may not have happened. NULL for changes recorded in the same transaction as the change itself.
ALTER TABLE audit_event ADD COLUMN outcome text
    CONSTRAINT audit_event_outcome_values CHECK (outcome IN ('pending', 'succeeded', 'failed'));
