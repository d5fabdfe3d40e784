// Stands in for Open WebUI in front of the gateway for clients that cannot add headers (the conformance CLI):
// forwards every request unchanged (method, path, Host, Origin, body, streamed response) and adds the signed
// identity header X-OpenWebUI-User-Jwt from IDENTITY_JWT. Target: GATEWAY_URL (e.g. http://127.0.0.1:8080).
import http from 'node:http';

const target = new URL(process.env.GATEWAY_URL);
const token = process.env.IDENTITY_JWT;

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, 'x-openwebui-user-jwt': token };
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
    (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
  upstream.on('error', (error) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
    }
    res.end(String(error));
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`));
