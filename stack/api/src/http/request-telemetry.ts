import { trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { metrics } from '../telemetry/metrics.js';
import { endpointLabel, methodLabel, statusLabel } from '../telemetry/route-labels.js';
import { HttpError, httpErrors } from './http-error.js';

// Routes hit by machines every few seconds (scrapes, probes, ACA-Py webhooks): measured, but
// logged only at debug unless they fail.
const QUIET_ROUTES = new Set(['/metrics', '/health', '/ready', '/webhooks/:agent/topic/:topic/']);

// Codes for the errors fastify raises itself before a handler runs (bad JSON, wrong type).
const FRAMEWORK_CODES: Record<number, string> = {
  400: 'invalid_body',
  404: 'not_found',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

// A correlation id we accept from a caller: bounded and free of anything a log could choke on.
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

// The correlation id of a request: the caller's x-correlation-id when usable, else a new UUID.
export function correlationIdOf(
  header: string | string[] | undefined,
  generate: () => string,
): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CORRELATION_ID_PATTERN.test(value) ? value : generate();
}

declare module 'fastify' {
  interface FastifyRequest {
    errorCode: string | null;
  }
}

// Adds RED metrics, one log line per request, span names by route, error bodies and fault
// injection to the app; every response carries x-correlation-id.
export function installRequestTelemetry(app: FastifyInstance, faultInjection: boolean): void {
  app.decorateRequest('errorCode', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
    const route = endpointLabel(request.routeOptions.url);
    const span = trace.getActiveSpan();
    span?.updateName(`${methodLabel(request.method)} ${route}`);
    span?.setAttribute('http.route', route);
    span?.setAttribute('correlation_id', request.id);

    if (faultInjection && request.headers['x-fault-inject'] === '500' && route !== '/metrics') {
      throw httpErrors.faultInjected();
    }
  });

  // PostgreSQL cannot store a NUL in text: refuse it here as bad input, before anything is done.
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.body)) {
      throw new HttpError(400, 'invalid_body', 'text in the body must not contain NUL characters');
    }
  });

  app.addHook('onResponse', async (request, reply) => observe(request, reply));

  app.setNotFoundHandler(async (request) => {
    throw new HttpError(
      404,
      'not_found',
      `no route for ${methodLabel(request.method)} ${request.url.split('?')[0]}; see stack/api/README.md`,
    );
  });

  app.setErrorHandler(async (err: unknown, request, reply) => {
    const answer = toHttpError(err);
    request.errorCode = answer.code;
    if (answer.status >= 500 && answer.code !== 'fault_injected') {
      request.log.error({ err, error: answer.code }, 'request failed');
    }

    trace.getActiveSpan()?.setAttribute('error.code', answer.code);
    return reply.code(answer.status).send({ error: answer.code, message: answer.message });
  });
}

function observe(request: FastifyRequest, reply: FastifyReply): void {
  const endpoint = endpointLabel(request.routeOptions.url);
  const method = methodLabel(request.method);
  const status = reply.statusCode;
  const seconds = reply.elapsedTime / 1000;

  if (endpoint !== '/metrics') {
    metrics.requests.inc({ method, endpoint, status: statusLabel(status) });
    metrics.requestDuration.observe({ method, endpoint }, seconds);
  }

  const fields = {
    method,
    endpoint,
    status,
    duration_ms: Math.round(reply.elapsedTime * 10) / 10,
    error: request.errorCode ?? undefined,
  };
  if (status >= 500) request.log.error(fields, 'request completed');
  else if (QUIET_ROUTES.has(endpoint) && status < 400)
    request.log.debug(fields, 'request completed');
  else request.log.info(fields, 'request completed');
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 20) return false;
  return Object.entries(value).some(
    ([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1),
  );
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;

  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = /forbidden prototype property/.test(String((err as Error).message))
      ? 'the body must not hold __proto__ or constructor.prototype keys'
      : err instanceof Error
        ? err.message
        : 'bad request';
    return new HttpError(status, FRAMEWORK_CODES[status] ?? 'bad_request', message);
  }

  return new HttpError(
    500,
    'internal',
    'the server failed to answer; the error is logged under this x-correlation-id',
  );
}
