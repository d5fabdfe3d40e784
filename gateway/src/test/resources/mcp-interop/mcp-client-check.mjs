// The official TypeScript SDK client against a gateway MCP endpoint, with a signed Open WebUI identity.
// Usage: node mcp-client-check.mjs <url> <jwt> [<tool>=<json arguments> ...]
// Prints one JSON line: negotiated version, listed tool names (with readOnlyHint), and each call's outcome.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, token, ...calls] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { 'X-OpenWebUI-User-Jwt': token } },
});
const client = new Client({ name: 'gateway-interop-check', version: '1.0.0' });
await client.connect(transport);
const out = { protocolVersion: transport.protocolVersion ?? null, sessionId: transport.sessionId ?? null, tools: [], calls: {} };
const listed = await client.listTools();
out.tools = listed.tools.map((tool) => tool.name);
out.readOnly = listed.tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name);
for (const spec of calls) {
  const split = spec.indexOf('=');
  const name = spec.slice(0, split);
  try {
    const result = await client.callTool({ name, arguments: JSON.parse(spec.slice(split + 1)) });
    out.calls[name] = { ok: !result.isError, content: result.content };
  } catch (error) {
    out.calls[name] = { ok: false, code: error.code ?? null, error: String(error.message ?? error) };
  }
}
try {
  await transport.terminateSession();
  out.terminated = true;
} catch (error) {
  out.terminated = String(error.message ?? error);
}
await client.close();
console.log(JSON.stringify(out));
