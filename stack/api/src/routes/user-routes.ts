import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { registerUser } from '../flow/register-user.js';
import type { ApiContext } from '../http/api-context.js';
import { httpErrors } from '../http/http-error.js';
import { parseBody } from '../http/parse-body.js';
import { ROLES } from '../settings.js';
import { AgentOperationError } from '../ssi/agent-operation-error.js';
import { isAgentError } from '../ssi/instrumented-agent.js';

// Registration: POST /users.
export function registerUserRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const regions = ctx.settings.regions;
  const schema = z.object({
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    region: z.string({ error: 'must be a string' }).refine((region) => regions.includes(region), {
      error: `must be one of ${regions.join(', ')} (set REGIONS to change the list)`,
    }),
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
  });

  app.post('/users', async (request, reply) => {
    const registration = parseBody(schema, request.body);
    request.log.info({ role: registration.role, region: registration.region }, 'user registering');

    try {
      const { user, token } = await registerUser(ctx, registration);
      request.log.info({ user_id: user.id, role: user.role }, 'user registered');
      return reply.code(201).send({
        id: user.id,
        role: user.role,
        region: user.region,
        did: user.did,
        token,
      });
    } catch (err) {
      if (isAgentError(err) || err instanceof AgentOperationError) {
        throw httpErrors.agentUnavailable(err.agent, err);
      }

      throw err;
    }
  });
}
