// The official TypeScript SDK client as an OAuth client of the gateway: it starts with no token and only its client
// credentials, finds the authorization server through the 401's RFC 9728 metadata, gets a token there and lists tools.
// Usage: node oauth-client-check.mjs <mcp url> <client id> <client secret>
// Prints one JSON line: the listed tool names.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';

const [url, clientId, clientSecret] = process.argv.slice(2);
const provider = new ClientCredentialsProvider({ clientId, clientSecret });
const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
const client = new Client({ name: 'gateway-oauth-check', version: '1.0.0' });
await client.connect(transport);
const listed = await client.listTools();
const out = { tools: listed.tools.map((tool) => tool.name) };
await client.close();
console.log(JSON.stringify(out));
