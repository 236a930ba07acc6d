import { context } from '@opentelemetry/api';

import { verificationOutcome } from '../acapy/client.js';
import type { ApiContext } from '../http/api-context.js';
import type { Role } from '../settings.js';
import { getPrescription } from '../store/prescriptions.js';
import { getUser } from '../store/users.js';
import {
  findVerificationByExchange,
  listStaleVerifications,
  type Verification,
} from '../store/verifications.js';
import { fromCarrier, inSpan } from '../telemetry/tracer.js';
import { findWithRetry } from './find-with-retry.js';
import { verdictOf, type Verdict } from './presentation-verdict.js';
import { completeVerification } from './verify-prescription.js';

// How long a proof request may go unanswered before it counts as a failed verification.
export const VERIFICATION_TIMEOUT_SECONDS = 60;

// The fields of a present_proof_v2_0 webhook we read.
export interface PresentationWebhook {
  pres_ex_id?: string;
  state?: string;
}

// Records the verdict once the pharmacist agent's exchange is done or abandoned. A done
// exchange is read back and judged on its content, not only on ACA-Py's verified flag.
export async function onPresentationWebhook(
  ctx: ApiContext,
  agent: Role,
  payload: PresentationWebhook,
): Promise<void> {
  if (agent !== 'pharmacist' || !payload.pres_ex_id) return;
  if (payload.state !== 'done' && payload.state !== 'abandoned') return;

  const presExId = payload.pres_ex_id;
  const verification = await findWithRetry(() => findVerificationByExchange(ctx.pool, presExId));
  if (!verification) {
    ctx.logger.warning(
      { agent, state: payload.state },
      'presentation webhook matches no verification',
    );
    return;
  }

  const attributes = { 'verification.id': verification.id, 'acapy.agent': agent };
  await context.with(fromCarrier(verification.traceCarrier), () =>
    inSpan('flow.presentation_finished', attributes, async () => {
      const verdict: Verdict =
        payload.state === 'abandoned'
          ? { result: 'failure', reason: 'abandoned' }
          : await judge(ctx, verification, presExId);
      await completeVerification(ctx, verification, verdict.result, verdict.reason);
    }),
  );
}

// Fails the verifications whose proof request went unanswered, so the prescription can be
// verified again; runs on the API's agent-poll timer.
export async function expireStaleVerifications(ctx: ApiContext): Promise<void> {
  const stale = await listStaleVerifications(ctx.pool, VERIFICATION_TIMEOUT_SECONDS);
  for (const verification of stale) {
    await completeVerification(ctx, verification, 'failure', 'timeout');
  }
}

async function judge(
  ctx: ApiContext,
  verification: Verification,
  presExId: string,
): Promise<Verdict> {
  const record = await ctx.agents.pharmacist.call('get_presentation_exchange', (client) =>
    client.getPresentationExchange(presExId),
  );
  const prescription = await getPrescription(ctx.pool, verification.prescriptionId);
  const doctor = prescription && (await getUser(ctx.pool, prescription.doctorId));
  const presenter = await getUser(ctx.pool, verification.presenterId);
  if (!prescription || !doctor || !presenter)
    return { result: 'failure', reason: 'content_mismatch' };

  const outcome = verificationOutcome(record, {
    prescriptionId: prescription.id,
    issuerDid: doctor.did,
  });
  return verdictOf(outcome, record.verified === 'true', presenter.did);
}
