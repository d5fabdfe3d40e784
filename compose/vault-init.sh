#!/bin/sh
# One-shot setup of the dev Vault for the demo: make sure `secret/` is a KV v2 mount, then write each demo
# tenant's credentials where the gateway reads them (secret/mcp-gateway/tenants/<tenant>).
# Key convention: api_key -> "Authorization: Bearer <value>", header.X-Foo -> "X-Foo", other keys -> "X-Tenant-<Key>".
set -eu

if ! vault secrets list | grep -q '^secret/'; then
  vault secrets enable -path=secret kv-v2
fi
# dev mode already mounts secret/ as KV v2; a KV v1 mount is upgraded in place
if vault secrets list -detailed | grep '^secret/' | grep -qv 'version:2'; then
  vault kv enable-versioning secret/
fi

vault kv put secret/mcp-gateway/tenants/google \
  api_key="$GOOGLE_BACKEND_API_KEY" jira_url=https://google.atlassian.net
vault kv put secret/mcp-gateway/tenants/microsoft \
  api_key="$MICROSOFT_BACKEND_API_KEY" jira_url=https://microsoft.atlassian.net
vault kv put secret/mcp-gateway/tenants/company-c \
  api_key="$COMPANY_C_BACKEND_API_KEY" jira_url=https://companyc.atlassian.net

echo "vault-init: demo tenant credentials written"
