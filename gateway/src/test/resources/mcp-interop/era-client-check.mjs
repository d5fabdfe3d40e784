// An official TypeScript SDK client against a gateway MCP endpoint, with a signed Open WebUI identity.
// Usage: node era-client-check.mjs <url> <jwt> <v1|pin|auto> [<tool>=<json arguments> ...]
// v1: @modelcontextprotocol/sdk 1.x (2025 era, initialize + session); pin: SDK v2 pinned to 2026-07-28 (stateless);
// auto: SDK v2 probing server/discover and falling back to initialize.
// Prints one JSON line: negotiated version, session id, listed tool names, cache hints, each call's outcome in order.
const [url, token, mode, ...calls] = process.argv.slice(2);
const requestInit = { headers: { 'X-OpenWebUI-User-Jwt': token } };
let client;
let transport;
if (mode === 'v1') {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  transport = new StreamableHTTPClientTransport(new URL(url), { requestInit });
  client = new Client({ name: 'gateway-era-check', version: '1.0.0' });
} else {
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  transport = new StreamableHTTPClientTransport(new URL(url), { requestInit });
  const negotiation = mode === 'pin' ? { pin: '2026-07-28' } : 'auto';
  client = new Client({ name: 'gateway-era-check', version: '2.0.0' }, { versionNegotiation: { mode: negotiation } });
}
await client.connect(transport);
const out = {
  protocolVersion: client.getNegotiatedProtocolVersion?.() ?? transport.protocolVersion ?? null,
  sessionId: transport.sessionId ?? null,
  calls: [],
};
const listed = await client.listTools();
out.tools = listed.tools.map((tool) => tool.name);
out.ttlMs = listed.ttlMs ?? null;
out.cacheScope = listed.cacheScope ?? null;
for (const spec of calls) {
  const split = spec.indexOf('=');
  const name = spec.slice(0, split);
  try {
    const result = await client.callTool({ name, arguments: JSON.parse(spec.slice(split + 1)) });
    out.calls.push({ name, ok: !result.isError, text: result.content?.[0]?.text ?? null });
  } catch (error) {
    out.calls.push({ name, ok: false, code: error.code ?? null, error: String(error.message ?? error) });
  }
}
await client.close();
console.log(JSON.stringify(out));
