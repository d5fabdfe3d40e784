// The TypeScript SDK v2 client, pinned to 2026-07-28, listening for tool-list changes on a gateway MCP endpoint.
// Usage: node listen-check.mjs <url> <jwt>. Prints "ACK <honored filter>" once subscriptions/listen is acknowledged,
// then "CHANGED" when notifications/tools/list_changed arrives (exit 0); exits 1 after 60 s without one.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [url, token] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { 'X-OpenWebUI-User-Jwt': token } },
});
const client = new Client({ name: 'gateway-listen-check', version: '2.0.0' },
  { versionNegotiation: { mode: { pin: '2026-07-28' } } });
await client.connect(transport);
const changed = new Promise((resolve) => client.setNotificationHandler('notifications/tools/list_changed', resolve));
const subscription = await client.listen({ toolsListChanged: true });
console.log(`ACK ${JSON.stringify(subscription.honoredFilter)}`);
const timeout = setTimeout(() => {
  console.log('TIMEOUT');
  process.exit(1);
}, 60_000);
await changed;
clearTimeout(timeout);
console.log('CHANGED');
await subscription.close();
await client.close();
process.exit(0);
