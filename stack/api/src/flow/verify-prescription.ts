import { randomUUID } from 'node:crypto';

import { context, trace } from '@opentelemetry/api';

import type { ApiContext } from '../http/api-context.js';
import { httpErrors } from '../http/http-error.js';
import { isAgentError } from '../ssi/instrumented-agent.js';
import { withTransaction } from '../db/transaction.js';
import { applyPrescriptionEvent, getPrescription } from '../store/prescriptions.js';
import { getUser, type User } from '../store/users.js';
import {
  finishVerification,
  insertVerification,
  setPresentationExchange,
  type Verification,
  type VerificationResult,
} from '../store/verifications.js';
import { metrics } from '../telemetry/metrics.js';
import { fromCarrier, markOutcome, toCarrier, tracer } from '../telemetry/tracer.js';
import { observeFlowStage } from './flow-durations.js';
import type { VerdictReason } from './presentation-verdict.js';

// Asks the presenting patient's wallet for the prescription's credential, held by that patient.
// The presenter defaults to the prescription's patient; naming another patient models someone
// presenting a prescription that is not theirs, which ACA-Py then fails to satisfy.
export async function requestVerification(
  ctx: ApiContext,
  pharmacist: User,
  prescriptionId: string,
  presenterId: string | undefined,
  correlationId: string,
): Promise<{ verificationId: string; state: 'requested' }> {
  const prescription = await getPrescription(ctx.pool, prescriptionId);
  if (!prescription) throw httpErrors.notFound('prescription', prescriptionId);

  const presenter = await getUser(ctx.pool, presenterId ?? prescription.patientId);
  if (!presenter || presenter.role !== 'patient' || !presenter.pharmacistConnectionId) {
    throw httpErrors.unprocessable(
      'patientId',
      `patientId ${presenterId} is not a registered patient; omit it to ask the prescription's patient`,
    );
  }

  const doctor = await getUser(ctx.pool, prescription.doctorId);
  const moved = await applyPrescriptionEvent(ctx.pool, prescription.id, 'verification_requested');
  if (!moved || !doctor) {
    throw httpErrors.conflict(
      `prescription ${prescription.id} is ${prescription.state}; it can be verified once issued`,
    );
  }

  const id = randomUUID();
  await insertVerification(ctx.pool, {
    id,
    prescriptionId: prescription.id,
    pharmacistId: pharmacist.id,
    presenterId: presenter.id,
    correlationId,
    traceCarrier: toCarrier(),
  });

  try {
    const connectionId = presenter.pharmacistConnectionId;
    const exchange = await ctx.agents.pharmacist.call('request_presentation', (client) =>
      client.requestPresentation({
        connectionId,
        prescriptionId: prescription.id,
        issuerDid: doctor.did,
        subjectDid: presenter.did,
      }),
    );
    await setPresentationExchange(ctx.pool, id, exchange.pres_ex_id);
  } catch (err) {
    await ctx.pool.query(`UPDATE verifications SET state = 'error' WHERE id = $1`, [id]);
    await applyPrescriptionEvent(ctx.pool, prescription.id, 'verification_aborted');
    if (isAgentError(err)) throw httpErrors.agentUnavailable(err.agent, err);
    throw err;
  }

  return { verificationId: id, state: 'requested' };
}

// Records a verifier's verdict once: the prescription moves to verified or verification_failed,
// the verification metrics are observed, and a span acapy.verify_presentation spanning request
// to verdict joins the trace of the pharmacist's request.
export async function completeVerification(
  ctx: ApiContext,
  verification: Verification,
  result: VerificationResult,
  reason: VerdictReason,
): Promise<void> {
  // The verdict and the prescription's new state become visible together, so a pharmacist who
  // sees the verdict can dispense at once.
  const event = result === 'success' ? 'verification_succeeded' : 'verification_failed';
  const outcome = await withTransaction(ctx.pool, async (db) => {
    const done = await finishVerification(db, verification.id, result, reason);
    if (!done) return undefined;
    return {
      finished: done,
      prescription: await applyPrescriptionEvent(db, verification.prescriptionId, event),
    };
  });
  if (!outcome) return;
  const { finished, prescription } = outcome;

  const parent = fromCarrier(verification.traceCarrier);
  const span = tracer.startSpan(
    'acapy.verify_presentation',
    {
      startTime: verification.requestedAt,
      attributes: {
        'acapy.agent': 'pharmacist',
        'acapy.operation': 'verify_presentation',
        'verification.id': verification.id,
        'prescription.id': verification.prescriptionId,
        'verification.result': result,
        'verification.reason': reason,
      },
    },
    parent,
  );
  markOutcome(span, result, result === 'failure' ? reason : undefined);

  const log = ctx.logger.child({
    correlation_id: verification.correlationId,
    prescription_id: verification.prescriptionId,
    verification_id: verification.id,
  });

  await context.with(trace.setSpan(parent, span), async () => {
    const finishedAt = finished.finishedAt ?? new Date();
    const seconds = (finishedAt.getTime() - verification.requestedAt.getTime()) / 1000;
    metrics.verifications.inc({ result });
    if (reason === 'timeout') ctx.agents.pharmacist.countFailure('verify_presentation');
    metrics.presentationVerificationDuration.observe({ result }, Math.max(0, seconds));
    if (result === 'success' && prescription) {
      observeFlowStage('patient_to_pharmacist', prescription.issuedAt, prescription.verifiedAt);
    }

    log.info({ result, reason, state: prescription?.state }, 'verification finished');
    span.end(finishedAt);
  });
}
