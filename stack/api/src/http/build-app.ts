import { randomUUID } from 'node:crypto';

import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';

import { registerHealthRoutes } from '../routes/health-routes.js';
import { registerPrescriptionRoutes } from '../routes/prescription-routes.js';
import { registerUserRoutes } from '../routes/user-routes.js';
import { registerVerificationRoutes } from '../routes/verification-routes.js';
import { registerWebhookRoutes } from '../routes/webhook-routes.js';
import type { ApiContext } from './api-context.js';
import { correlationIdOf, installRequestTelemetry } from './request-telemetry.js';

// Request bodies are small JSON objects; anything bigger is refused with 413.
const BODY_LIMIT_BYTES = 64 * 1024;

// A request that has not arrived whole by then (a body sent a byte at a time) is answered 408.
const REQUEST_TIMEOUT_MS = 30_000;

// Builds the API's fastify app: telemetry hooks first, then every route of the README.
export function buildApp(ctx: ApiContext): FastifyInstance {
  const app = Fastify({
    loggerInstance: ctx.logger,
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'correlation_id',
    }),
    requestIdHeader: false,
    genReqId: (request) => correlationIdOf(request.headers['x-correlation-id'], randomUUID),
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Errors the router raises before any route (a bad URL, a too long id) keep our shape too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      const code = status === 414 ? 'uri_too_long' : 'bad_url';
      const message = status === 414 ? 'a path segment is too long' : 'the URL cannot be decoded';
      void reply.code(status).send({ error: code, message });
    },
  }) as unknown as FastifyInstance;

  installRequestTelemetry(app, ctx.settings.faultInjection);
  registerHealthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerPrescriptionRoutes(app, ctx);
  registerVerificationRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  return app;
}
