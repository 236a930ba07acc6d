import { timingSafeEqual } from 'node:crypto';

import type { FastifyInstance } from 'fastify';

import { onCredentialWebhook, type CredentialWebhook } from '../flow/issuance-events.js';
import { onPresentationWebhook, type PresentationWebhook } from '../flow/verification-events.js';
import type { ApiContext } from '../http/api-context.js';
import { HttpError, httpErrors } from '../http/http-error.js';
import { ROLES, type Role } from '../settings.js';

// ACA-Py's webhooks: state changes of connections, credential and presentation exchanges.
export function registerWebhookRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const expectedKey = Buffer.from(ctx.settings.webhookApiKey);

  app.post('/webhooks/:agent/topic/:topic/', async (request) => {
    const key = request.headers['x-api-key'];
    const given = Buffer.from(typeof key === 'string' ? key : '');
    if (given.length !== expectedKey.length || !timingSafeEqual(given, expectedKey)) {
      throw httpErrors.unauthorized(
        'x-api-key does not match WEBHOOK_API_KEY; check --webhook-url',
      );
    }

    const { agent, topic } = request.params as { agent: string; topic: string };
    if (!(ROLES as readonly string[]).includes(agent)) {
      throw new HttpError(
        404,
        'unknown_agent',
        `agent ${agent.slice(0, 32)} is not one of ${ROLES.join(', ')}`,
      );
    }

    const role = agent as Role;
    const payload = (request.body ?? {}) as Record<string, unknown>;
    request.log.debug({ agent: role, topic, state: payload.state }, 'webhook received');

    if (topic === 'connections') {
      ctx.monitor.scheduleRefresh(ctx.agents[role]);
    } else if (topic === 'issue_credential_v2_0') {
      await onCredentialWebhook(ctx, role, payload as CredentialWebhook);
    } else if (topic === 'present_proof_v2_0') {
      await onPresentationWebhook(ctx, role, payload as PresentationWebhook);
    }

    return { status: 'ok' };
  });
}
