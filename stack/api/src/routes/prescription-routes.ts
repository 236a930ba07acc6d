import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { createPrescription } from '../flow/create-prescription.js';
import { dispensePrescription } from '../flow/dispense-prescription.js';
import type { ApiContext } from '../http/api-context.js';
import { authenticate } from '../http/auth.js';
import { httpErrors } from '../http/http-error.js';
import { idParam } from '../http/id-param.js';
import { parseBody } from '../http/parse-body.js';
import { getPrescription, type Prescription } from '../store/prescriptions.js';

const orderSchema = z.object({
  patientId: z.uuid({ error: 'must be the id of a registered patient' }),
  medication: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' }),
  dosage: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' }),
});

// Prescriptions: create (doctor), read (its doctor, its patient, any pharmacist), dispense.
export function registerPrescriptionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post('/prescriptions', async (request, reply) => {
    const doctor = await authenticate(ctx, request, ['doctor']);
    const order = parseBody(orderSchema, request.body);
    const prescription = await createPrescription(ctx, doctor, order, request.id);

    request.log.info(
      { prescription_id: prescription.id, region: prescription.region },
      'prescription created',
    );
    return reply.code(202).send({ id: prescription.id, state: prescription.state });
  });

  app.get('/prescriptions/:id', async (request) => {
    const user = await authenticate(ctx, request, ['doctor', 'patient', 'pharmacist']);
    const id = idParam(request.params);
    const prescription = await getPrescription(ctx.pool, id);
    if (!prescription) throw httpErrors.notFound('prescription', id);

    const mayRead =
      user.role === 'pharmacist' ||
      (user.role === 'doctor' && prescription.doctorId === user.id) ||
      (user.role === 'patient' && prescription.patientId === user.id);
    if (!mayRead) {
      throw httpErrors.forbidden(`prescription ${id} belongs to another doctor or patient`);
    }

    return view(prescription);
  });

  app.post('/prescriptions/:id/dispense', async (request) => {
    await authenticate(ctx, request, ['pharmacist']);
    const prescription = await dispensePrescription(ctx, idParam(request.params));

    request.log.info({ prescription_id: prescription.id }, 'prescription dispensed');
    return {
      id: prescription.id,
      state: prescription.state,
      dispensedAt: prescription.dispensedAt,
    };
  });
}

function view(prescription: Prescription): Record<string, unknown> {
  return {
    id: prescription.id,
    state: prescription.state,
    doctorId: prescription.doctorId,
    patientId: prescription.patientId,
    region: prescription.region,
    medication: prescription.medication,
    dosage: prescription.dosage,
    createdAt: prescription.createdAt,
    issuingAt: prescription.issuingAt,
    issuedAt: prescription.issuedAt,
    verifyingAt: prescription.verifyingAt,
    verifiedAt: prescription.verifiedAt,
    verificationFailedAt: prescription.verificationFailedAt,
    dispensedAt: prescription.dispensedAt,
  };
}
