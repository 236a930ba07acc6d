import type { ApiContext } from '../http/api-context.js';
import type { Role } from '../settings.js';
import { findVerificationByExchange, listStaleVerifications } from '../store/verifications.js';
import { findWithRetry } from './find-with-retry.js';
import { completeVerification } from './verify-prescription.js';

// How long a proof request may go unanswered before it counts as a failed verification.
export const VERIFICATION_TIMEOUT_SECONDS = 60;

// The fields of a present_proof_v2_0 webhook we read; verified is the string "true" or "false".
export interface PresentationWebhook {
  pres_ex_id?: string;
  state?: string;
  role?: string;
  verified?: string;
}

// Records the verdict the pharmacist agent reached: done with verified "true" is a success;
// done with "false", or abandoned (the wallet could not or would not present), is a failure.
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

  if (payload.state === 'abandoned') {
    await completeVerification(ctx, verification, 'failure', 'abandoned');
  } else if (payload.verified === 'true') {
    await completeVerification(ctx, verification, 'success', 'verified');
  } else {
    await completeVerification(ctx, verification, 'failure', 'not_verified');
  }
}

// Fails the verifications whose proof request went unanswered, so the prescription can be
// verified again; runs on the API's agent-poll timer.
export async function expireStaleVerifications(ctx: ApiContext): Promise<void> {
  const stale = await listStaleVerifications(ctx.pool, VERIFICATION_TIMEOUT_SECONDS);
  for (const verification of stale) {
    await completeVerification(ctx, verification, 'failure', 'timeout');
  }
}
