import { createServer, type Server } from 'node:http';

import type { Registry } from 'prom-client';

// The worker's only HTTP surface: /metrics for Prometheus and /health for probes.
export async function startMetricsServer(
  registry: Registry,
  host: string,
  port: number,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
      return;
    }

    if (request.method === 'GET' && path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }

    const body = JSON.stringify({
      error: 'not_found',
      message: 'the worker serves only /metrics and /health',
    });
    response.writeHead(404, { 'content-type': 'application/json' }).end(body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
