-- The tenancy schema shared by the gateway (reads) and tenant-admin (writes).
-- Constraints live here so that every writer (tenant-admin, bootstrap file, psql) is held to them.

CREATE TABLE tenant (
    id                           text        PRIMARY KEY
                                             CONSTRAINT tenant_id_format CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    display_name                 text        NOT NULL
                                             CONSTRAINT tenant_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200),
    backend_url                  text        NOT NULL
                                             CONSTRAINT tenant_backend_url_format CHECK (backend_url ~ '^https?://[^\s/?#]+[^\s]*$' AND char_length(backend_url) <= 2048),
    backend_type                 text        NOT NULL DEFAULT 'openapi'
                                             CONSTRAINT tenant_backend_type_values CHECK (backend_type IN ('openapi', 'mcp')),
    enabled                      boolean     NOT NULL DEFAULT true,
    default_tool_level           text        NOT NULL DEFAULT 'read'
                                             CONSTRAINT tenant_default_tool_level_values CHECK (default_tool_level IN ('read', 'write', 'admin')),
    -- For MCP backends: derive a tool's level from its annotations (readOnlyHint) instead of the default.
    tool_levels_from_annotations boolean     NOT NULL DEFAULT false,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenant_member (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE ON UPDATE CASCADE,
    email        text        NOT NULL
                             CONSTRAINT tenant_member_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND char_length(email) <= 320),
    access_level text        NOT NULL
                             CONSTRAINT tenant_member_access_level_values CHECK (access_level IN ('read', 'write', 'admin')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
-- Emails are compared case-insensitively: one membership per tenant and address, whatever its case.
CREATE UNIQUE INDEX tenant_member_tenant_email_key ON tenant_member (tenant_id, lower(email));
CREATE INDEX tenant_member_email_idx ON tenant_member (lower(email));

CREATE TABLE tool_rule (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE ON UPDATE CASCADE,
    -- A tool name, or a pattern where '*' matches any run of characters (e.g. 'delete_*').
    tool       text        NOT NULL
                           CONSTRAINT tool_rule_tool_format CHECK (tool ~ '^[A-Za-z0-9_.*-]{1,128}$'),
    level      text        NOT NULL
                           CONSTRAINT tool_rule_level_values CHECK (level IN ('read', 'write', 'admin', 'deny')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tool_rule_tenant_tool_key UNIQUE (tenant_id, tool)
);

-- Named keys for Open WebUI instances and other callers. Only a SHA-256 hash of the key is stored.
CREATE TABLE gateway_client (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL
                             CONSTRAINT gateway_client_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    key_hash     text        NOT NULL
                             CONSTRAINT gateway_client_key_hash_format CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    -- The first characters of the key, shown to admins to recognise it; never enough to use it.
    key_prefix   text        NOT NULL
                             CONSTRAINT gateway_client_key_prefix_length CHECK (char_length(key_prefix) BETWEEN 1 AND 12),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT gateway_client_name_key UNIQUE (name),
    CONSTRAINT gateway_client_key_hash_key UNIQUE (key_hash)
);

-- Every gateway decision (kind 'call') and every control-plane change (kind 'admin'). Never secret values.
-- No foreign keys: the history outlives the tenants and members it mentions.
CREATE TABLE audit_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    kind        text        NOT NULL DEFAULT 'call'
                            CONSTRAINT audit_event_kind_values CHECK (kind IN ('call', 'admin')),
    user_email  text,
    user_id     text,
    tenant_id   text,
    tool        text,
    decision    text        NOT NULL
                            CONSTRAINT audit_event_decision_values CHECK (decision IN ('allow', 'deny', 'error', 'change')),
    status      integer,
    reason      text,
    latency_ms  integer,
    chat_id     text,
    message_id  text,
    client      text,
    action      text,
    detail      text
);
CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_tenant_idx ON audit_event (tenant_id, occurred_at DESC);
CREATE INDEX audit_event_user_idx ON audit_event (lower(user_email), occurred_at DESC);

-- Keep updated_at honest whoever writes.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;

CREATE TRIGGER tenant_touch BEFORE UPDATE ON tenant FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER tenant_member_touch BEFORE UPDATE ON tenant_member FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER tool_rule_touch BEFORE UPDATE ON tool_rule FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Any change to the tenancy tables, by any writer, tells listening gateways to reload (LISTEN mcpgateway_tenancy).
-- The payload is the table name; notifications of one transaction are delivered once, at commit.
CREATE FUNCTION notify_tenancy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mcpgateway_tenancy', TG_TABLE_NAME);
    RETURN NULL;
END $$;

CREATE TRIGGER tenant_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenant
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
CREATE TRIGGER tenant_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenant_member
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
CREATE TRIGGER tool_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tool_rule
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
CREATE TRIGGER gateway_client_changed AFTER INSERT OR UPDATE OF key_hash, revoked_at, name OR DELETE OR TRUNCATE ON gateway_client
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
