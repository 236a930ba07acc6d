import { randomUUID } from 'node:crypto';

import Fastify, { LogController, type FastifyInstance } from 'fastify';

import { registerHealthRoutes } from '../routes/health-routes.js';
import { registerPrescriptionRoutes } from '../routes/prescription-routes.js';
import { registerUserRoutes } from '../routes/user-routes.js';
import { registerVerificationRoutes } from '../routes/verification-routes.js';
import { registerWebhookRoutes } from '../routes/webhook-routes.js';
import type { ApiContext } from './api-context.js';
import { correlationIdOf, installRequestTelemetry } from './request-telemetry.js';

// Request bodies are small JSON objects; anything bigger is refused with 413.
const BODY_LIMIT_BYTES = 64 * 1024;

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
  }) as unknown as FastifyInstance;

  installRequestTelemetry(app, ctx.settings.faultInjection);
  registerHealthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerPrescriptionRoutes(app, ctx);
  registerVerificationRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  return app;
}
