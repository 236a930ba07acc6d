import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';

import type { ApiContext } from '../http/api-context.js';
import { ROLES } from '../settings.js';

// How long /ready waits for PostgreSQL or Redis before calling it not ready.
const PROBE_TIMEOUT_MS = 2_000;

// Liveness, readiness and the Prometheus endpoint.
export function registerHealthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const checks = await context.with(suppressTracing(context.active()), async () => ({
      postgres: await probe(() => ctx.pool.query('SELECT 1')),
      redis: await probe(() => ctx.redis.ping()),
    }));
    const agents = Object.fromEntries(ROLES.map((role) => [role, ctx.monitor.isReady(role)]));
    const ready = checks.postgres && checks.redis && Object.values(agents).every(Boolean);

    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', ...checks, agents });
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await ctx.registry.metrics();
    return reply.header('content-type', ctx.registry.contentType).send(body);
  });
}

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
