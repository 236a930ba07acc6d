import { context } from '@opentelemetry/api';

import type { ApiContext } from '../http/api-context.js';
import type { Role } from '../settings.js';
import { applyPrescriptionEvent, findPrescriptionByThread } from '../store/prescriptions.js';
import { fromCarrier, inSpan } from '../telemetry/tracer.js';
import { findWithRetry } from './find-with-retry.js';
import { observeFlowStage } from './flow-durations.js';

// The fields of an issue_credential_v2_0 webhook we read.
export interface CredentialWebhook {
  thread_id?: string;
  state?: string;
  role?: string;
}

// Moves a prescription on from a credential exchange webhook: issued once the patient's wallet
// stored the credential, and the waiting worker told how the issuance ended.
export async function onCredentialWebhook(
  ctx: ApiContext,
  agent: Role,
  payload: CredentialWebhook,
): Promise<void> {
  const stored = agent === 'patient' && payload.state === 'done';
  const abandoned = payload.state === 'abandoned';
  if ((!stored && !abandoned) || !payload.thread_id) return;

  const threadId = payload.thread_id;
  const prescription = await findWithRetry(() => findPrescriptionByThread(ctx.pool, threadId));
  if (!prescription) {
    ctx.logger.warning(
      { agent, state: payload.state },
      'credential webhook matches no prescription',
    );
    return;
  }

  const log = ctx.logger.child({
    correlation_id: prescription.correlationId,
    prescription_id: prescription.id,
  });
  const attributes = { 'prescription.id': prescription.id, 'acapy.agent': agent };

  await context.with(fromCarrier(prescription.traceCarrier), () =>
    inSpan(
      stored ? 'flow.credential_stored' : 'flow.credential_abandoned',
      attributes,
      async () => {
        if (abandoned) {
          log.warning({ agent }, 'credential exchange abandoned');
          await ctx.queue.signal(prescription.id, {
            outcome: 'failed',
            reason: `abandoned by ${agent}`,
          });
          return;
        }

        const issued = await applyPrescriptionEvent(ctx.pool, prescription.id, 'credential_stored');
        if (!issued) {
          log.debug({ state: prescription.state }, 'credential stored again');
          return;
        }

        observeFlowStage('doctor_to_patient', issued.createdAt, issued.issuedAt);
        log.info({ state: issued.state }, 'credential stored by the patient wallet');
        await ctx.queue.signal(prescription.id, { outcome: 'issued', reason: 'stored' });
      },
    ),
  );
}
