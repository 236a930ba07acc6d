import type { Pool } from 'pg';

import type { Queryable } from '../db/transaction.js';

// A verification is requested until the verifier reaches a verdict, then done.
export type VerificationState = 'requested' | 'done';

// The verdict of a verification.
export type VerificationResult = 'success' | 'failure';

// One pharmacist's request to verify a prescription that a patient presents.
export interface Verification {
  id: string;
  prescriptionId: string;
  pharmacistId: string;
  presenterId: string;
  state: VerificationState;
  result: VerificationResult | null;
  reason: string | null;
  presExId: string | null;
  correlationId: string;
  traceCarrier: Record<string, string>;
  requestedAt: Date;
  finishedAt: Date | null;
}

// What a pharmacist's request writes.
export type NewVerification = Pick<
  Verification,
  'id' | 'prescriptionId' | 'pharmacistId' | 'presenterId' | 'correlationId' | 'traceCarrier'
>;

interface VerificationRow {
  id: string;
  prescription_id: string;
  pharmacist_id: string;
  presenter_id: string;
  state: VerificationState;
  result: VerificationResult | null;
  reason: string | null;
  pres_ex_id: string | null;
  correlation_id: string;
  trace_carrier: Record<string, string>;
  requested_at: Date;
  finished_at: Date | null;
}

// Stores a verification before its proof request is sent.
export async function insertVerification(pool: Pool, verification: NewVerification): Promise<void> {
  await pool.query(
    `INSERT INTO verifications (id, prescription_id, pharmacist_id, presenter_id, state,
                                correlation_id, trace_carrier)
     VALUES ($1, $2, $3, $4, 'requested', $5, $6)`,
    [
      verification.id,
      verification.prescriptionId,
      verification.pharmacistId,
      verification.presenterId,
      verification.correlationId,
      JSON.stringify(verification.traceCarrier),
    ],
  );
}

// Records the verifier's exchange id so its webhooks can be matched to the verification.
export async function setPresentationExchange(
  pool: Pool,
  id: string,
  presExId: string,
): Promise<void> {
  await pool.query('UPDATE verifications SET pres_ex_id = $2 WHERE id = $1', [id, presExId]);
}

// Reads one verification by id.
export async function getVerification(pool: Pool, id: string): Promise<Verification | undefined> {
  const result = await pool.query<VerificationRow>('SELECT * FROM verifications WHERE id = $1', [
    id,
  ]);
  return result.rows[0] && toVerification(result.rows[0]);
}

// Finds the verification of a verifier-side presentation exchange.
export async function findVerificationByExchange(
  pool: Pool,
  presExId: string,
): Promise<Verification | undefined> {
  const result = await pool.query<VerificationRow>(
    'SELECT * FROM verifications WHERE pres_ex_id = $1',
    [presExId],
  );
  return result.rows[0] && toVerification(result.rows[0]);
}

// Records the verdict once; undefined when another webhook or the sweeper got there first.
export async function finishVerification(
  pool: Queryable,
  id: string,
  result: VerificationResult,
  reason: string,
): Promise<Verification | undefined> {
  const updated = await pool.query<VerificationRow>(
    `UPDATE verifications SET state = 'done', result = $2, reason = $3, finished_at = now()
     WHERE id = $1 AND state = 'requested'
     RETURNING *`,
    [id, result, reason],
  );
  return updated.rows[0] && toVerification(updated.rows[0]);
}

// Verifications still waiting for a verdict after the given number of seconds.
export async function listStaleVerifications(
  pool: Pool,
  olderThanSeconds: number,
): Promise<Verification[]> {
  const result = await pool.query<VerificationRow>(
    `SELECT * FROM verifications
     WHERE state = 'requested' AND requested_at < now() - make_interval(secs => $1)
     LIMIT 100`,
    [olderThanSeconds],
  );
  return result.rows.map(toVerification);
}

function toVerification(row: VerificationRow): Verification {
  return {
    id: row.id,
    prescriptionId: row.prescription_id,
    pharmacistId: row.pharmacist_id,
    presenterId: row.presenter_id,
    state: row.state,
    result: row.result,
    reason: row.reason,
    presExId: row.pres_ex_id,
    correlationId: row.correlation_id,
    traceCarrier: row.trace_carrier,
    requestedAt: row.requested_at,
    finishedAt: row.finished_at,
  };
}
