// An MCP server built on the TypeScript SDK v2 (@modelcontextprotocol/server) over node:http, for the interop tests:
// LEGACY=reject makes it modern-only (2026-07-28), LEGACY=stateless (the SDK's default) serves both eras.
// Tools: echo (readOnlyHint), add (writes), lookup (its region argument also travels as the Mcp-Param-Region
// header, SEP-2243); one prompt, greeting. POST /admin/extra-tool adds the tool extra and tells subscribers
// (subscriptions/listen) that the tools changed. Prints "LISTENING <port>" once it listens on 127.0.0.1.
import http from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';

const legacy = process.env.LEGACY === 'reject' ? 'reject' : 'stateless';
let extraTool = false;

function factory() {
  const server = new McpServer({ name: `sdk2-${legacy}`, version: '2.4.0' });
  server.registerTool('echo', {
    description: 'Echoes a message',
    inputSchema: fromJsonSchema({ type: 'object', properties: { message: { type: 'string' } }, required: ['message'] }),
    annotations: { readOnlyHint: true },
  }, async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));
  server.registerTool('add', {
    description: 'Adds two numbers',
    inputSchema: fromJsonSchema({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] }),
    annotations: { readOnlyHint: false },
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  server.registerTool('lookup', {
    description: 'Looks a thing up in a region',
    inputSchema: fromJsonSchema({ type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
      required: ['region'] }),
    annotations: { readOnlyHint: true },
  }, async ({ region }) => ({ content: [{ type: 'text', text: `Looked up in ${region}` }] }));
  if (extraTool) {
    server.registerTool('extra', { description: 'Added while running', annotations: { readOnlyHint: true } },
      async () => ({ content: [{ type: 'text', text: 'extra' }] }));
  }
  server.registerPrompt('greeting', { description: 'Greets' },
    async () => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello from sdk2-${legacy}` } }] }));
  return server;
}

const handler = createMcpHandler(factory, { legacy });

const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/admin/extra-tool') {
    extraTool = true;
    handler.notify.toolsChanged();
    res.writeHead(204).end();
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  });
  const response = await handler.fetch(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) {
    for await (const chunk of response.body) res.write(chunk);
  }
  res.end();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`));
