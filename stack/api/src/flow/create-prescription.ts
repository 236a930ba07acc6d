import { randomUUID } from 'node:crypto';

import { SpanKind } from '@opentelemetry/api';

import type { ApiContext } from '../http/api-context.js';
import { httpErrors } from '../http/http-error.js';
import {
  deletePrescription,
  insertPrescription,
  type Prescription,
} from '../store/prescriptions.js';
import { getUser, type User } from '../store/users.js';
import { metrics } from '../telemetry/metrics.js';
import { inSpan, toCarrier } from '../telemetry/tracer.js';

// What a doctor prescribes.
export interface PrescriptionOrder {
  patientId: string;
  medication: string;
  dosage: string;
}

// Writes a prescription and queues its issuance; the queued job carries this request's trace
// context and correlation id, so the worker's spans and log lines join this request's.
export async function createPrescription(
  ctx: ApiContext,
  doctor: User,
  order: PrescriptionOrder,
  correlationId: string,
): Promise<Prescription> {
  const patient = await getUser(ctx.pool, order.patientId);
  if (!patient || patient.role !== 'patient' || !patient.doctorConnectionId) {
    throw httpErrors.unprocessable(
      'patientId',
      `patientId ${order.patientId} is not a registered patient; register them with POST /users`,
    );
  }

  const id = randomUUID();
  const attributes = { 'prescription.id': id, 'messaging.system': 'redis' };
  return inSpan(
    'issuance.enqueue',
    attributes,
    async () => {
      const traceCarrier = toCarrier();
      const prescription = await insertPrescription(ctx.pool, {
        id,
        doctorId: doctor.id,
        patientId: patient.id,
        region: doctor.region,
        medication: order.medication,
        dosage: order.dosage,
        correlationId,
        traceCarrier,
      });
      try {
        await ctx.queue.enqueue({
          prescriptionId: id,
          correlationId,
          traceCarrier,
          enqueuedAt: new Date().toISOString(),
        });
      } catch (err) {
        // Without its job the prescription would stay created forever; the caller may retry.
        await deletePrescription(ctx.pool, id);
        throw err;
      }

      metrics.prescriptionsCreated.inc({ region: doctor.region });
      return prescription;
    },
    { kind: SpanKind.PRODUCER },
  );
}
