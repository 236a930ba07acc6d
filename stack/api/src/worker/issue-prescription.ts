import { context, SpanKind } from '@opentelemetry/api';
import type { Pool } from 'pg';

import { buildPrescriptionCredential } from '../acapy/credential.js';
import type { IssuanceJob, IssuanceQueue } from '../queue.js';
import type { InstrumentedAgent } from '../ssi/instrumented-agent.js';
import {
  applyPrescriptionEvent,
  getPrescription,
  setCredentialExchange,
} from '../store/prescriptions.js';
import { getUser } from '../store/users.js';
import type { Logger } from '../telemetry/logger.js';
import { metrics } from '../telemetry/metrics.js';
import { fromCarrier, inSpan, markOutcome } from '../telemetry/tracer.js';

// How long the worker waits for the patient's wallet to store a credential.
export const ISSUANCE_TIMEOUT_SECONDS = 60;

// What issuing needs: the database, the doctor agent, and a queue on the worker's own
// blocking Redis connection (it waits for the webhook's signal).
export interface IssuanceDeps {
  pool: Pool;
  doctorAgent: InstrumentedAgent;
  queue: IssuanceQueue;
  logger: Logger;
}

// Issues one prescription as a credential and waits until the patient's wallet stored it.
// Runs in the trace of the request that created the prescription, with its correlation id.
export async function issuePrescription(deps: IssuanceDeps, job: IssuanceJob): Promise<void> {
  const log = deps.logger.child({
    correlation_id: job.correlationId,
    prescription_id: job.prescriptionId,
  });
  const attributes = { 'prescription.id': job.prescriptionId, 'messaging.system': 'redis' };

  await context.with(fromCarrier(job.traceCarrier), () =>
    inSpan('issuance.process', attributes, () => run(deps, job, log), { kind: SpanKind.CONSUMER }),
  );
}

async function run(deps: IssuanceDeps, job: IssuanceJob, log: Logger): Promise<void> {
  const waitedMs = Date.now() - new Date(job.enqueuedAt).getTime();
  const prescription = await applyPrescriptionEvent(
    deps.pool,
    job.prescriptionId,
    'issuance_started',
  );
  if (!prescription) {
    const current = await getPrescription(deps.pool, job.prescriptionId);
    log.info({ state: current?.state ?? 'missing' }, 'issuance skipped');
    return;
  }

  log.info({ queued_ms: waitedMs }, 'issuance started');
  const doctor = await getUser(deps.pool, prescription.doctorId);
  const patient = await getUser(deps.pool, prescription.patientId);
  if (!doctor || !patient?.doctorConnectionId) {
    log.error({}, 'issuance impossible: doctor or patient connection missing');
    metrics.credentials.inc({ state: 'failed' });
    return;
  }

  const connectionId = patient.doctorConnectionId;
  const spanAttributes = {
    'acapy.agent': deps.doctorAgent.name,
    'acapy.operation': 'issue_credential',
  };
  await inSpan('acapy.issue_credential', spanAttributes, async (span) => {
    const offeredAt = performance.now();
    const fail = (reason: string) => {
      metrics.credentials.inc({ state: 'failed' });
      metrics.credentialIssuanceDuration.observe(
        { outcome: 'failure' },
        (performance.now() - offeredAt) / 1000,
      );
      deps.doctorAgent.countFailure('issue_credential');
      markOutcome(span, 'failure', reason);
      log.error({ reason }, 'issuance failed');
    };

    let threadId: string;
    try {
      const credential = buildPrescriptionCredential({
        prescriptionId: prescription.id,
        medication: prescription.medication,
        dosage: prescription.dosage,
        region: prescription.region,
        issuerDid: doctor.did,
        subjectDid: patient.did,
      });
      const exchange = await deps.doctorAgent.call('offer_credential', (client) =>
        client.issueCredential({ connectionId, credential }),
      );
      threadId = exchange.thread_id;
      await setCredentialExchange(deps.pool, prescription.id, exchange.cred_ex_id, threadId);
    } catch (err) {
      log.error({ err }, 'credential offer failed');
      fail('offer_failed');
      return;
    }

    metrics.credentials.inc({ state: 'offered' });
    log.info({}, 'credential offered');

    const signal = await deps.queue.waitForSignal(prescription.id, ISSUANCE_TIMEOUT_SECONDS);
    if (signal?.outcome !== 'issued') {
      fail(signal ? signal.reason : 'timeout');
      return;
    }

    const seconds = (performance.now() - offeredAt) / 1000;
    metrics.credentials.inc({ state: 'issued' });
    metrics.credentialIssuanceDuration.observe({ outcome: 'success' }, seconds);
    log.info({ duration_ms: Math.round(seconds * 1000) }, 'credential issued');
  });
}
