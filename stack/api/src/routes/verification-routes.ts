import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { requestVerification } from '../flow/verify-prescription.js';
import type { ApiContext } from '../http/api-context.js';
import { authenticate } from '../http/auth.js';
import { httpErrors } from '../http/http-error.js';
import { idParam } from '../http/id-param.js';
import { parseBody } from '../http/parse-body.js';
import { getVerification } from '../store/verifications.js';

const requestSchema = z.object({
  patientId: z.uuid({ error: 'must be the id of the registered patient presenting it' }).optional(),
});

// Verifications: a pharmacist asks for a presentation and reads the verdict.
export function registerVerificationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post('/prescriptions/:id/verifications', async (request, reply) => {
    const pharmacist = await authenticate(ctx, request, ['pharmacist']);
    const prescriptionId = idParam(request.params);
    const { patientId } = parseBody(requestSchema, request.body);
    const verification = await requestVerification(
      ctx,
      pharmacist,
      prescriptionId,
      patientId,
      request.id,
    );

    request.log.info(
      { prescription_id: prescriptionId, verification_id: verification.verificationId },
      'verification requested',
    );
    return reply.code(202).send(verification);
  });

  app.get('/verifications/:id', async (request) => {
    await authenticate(ctx, request, ['pharmacist']);
    const id = idParam(request.params);
    const verification = await getVerification(ctx.pool, id);
    if (!verification) throw httpErrors.notFound('verification', id);

    return {
      id: verification.id,
      prescriptionId: verification.prescriptionId,
      state: verification.state,
      result: verification.result,
      reason: verification.reason,
      requestedAt: verification.requestedAt,
      finishedAt: verification.finishedAt,
    };
  });
}
