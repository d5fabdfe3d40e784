-- tenant-admin's own tables: local accounts (for the bootstrap admin and automation) and API tokens.
-- Passwords are stored only as salted hashes ({bcrypt}... in Spring Security's delegating format),
-- API tokens only as SHA-256 hex digests, like gateway_client keys.

CREATE TABLE admin_account (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       text        NOT NULL
                               CONSTRAINT admin_account_username_format CHECK (username ~ '^[A-Za-z0-9._@+-]+$' AND char_length(username) <= 320),
    password_hash  text        NOT NULL
                               CONSTRAINT admin_account_password_hash_format CHECK (password_hash ~ '^\{[a-z0-9-]+\}.{20,}$'),
    -- Platform admins manage everything; other local accounts are identified by username as an email
    -- and manage the tenants where that email is a member with level admin.
    platform_admin boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);
CREATE UNIQUE INDEX admin_account_username_key ON admin_account (lower(username));

CREATE TRIGGER admin_account_touch BEFORE UPDATE ON admin_account FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Bearer tokens for the JSON API. A token acts as its owner (an account username or an OIDC email).
CREATE TABLE api_token (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner        text        NOT NULL
                             CONSTRAINT api_token_owner_length CHECK (char_length(owner) BETWEEN 1 AND 320),
    name         text        NOT NULL
                             CONSTRAINT api_token_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    token_hash   text        NOT NULL
                             CONSTRAINT api_token_token_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    token_prefix text        NOT NULL
                             CONSTRAINT api_token_token_prefix_length CHECK (char_length(token_prefix) BETWEEN 1 AND 16),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_token_token_hash_key UNIQUE (token_hash)
);
CREATE UNIQUE INDEX api_token_owner_name_key ON api_token (lower(owner), name) WHERE revoked_at IS NULL;
CREATE INDEX api_token_owner_idx ON api_token (lower(owner));
