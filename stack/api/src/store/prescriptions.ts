import type { Pool } from 'pg';

import type { Queryable } from '../db/transaction.js';

import {
  enteredAtColumn,
  transitionOf,
  type PrescriptionEvent,
  type PrescriptionState,
} from '../flow/prescription-state.js';

// A prescription with its stage timestamps; medication and dosage never leave through logs.
export interface Prescription {
  id: string;
  doctorId: string;
  patientId: string;
  region: string;
  medication: string;
  dosage: string;
  state: PrescriptionState;
  correlationId: string;
  traceCarrier: Record<string, string>;
  credExId: string | null;
  credThreadId: string | null;
  createdAt: Date;
  issuingAt: Date | null;
  issuedAt: Date | null;
  verifyingAt: Date | null;
  verifiedAt: Date | null;
  verificationFailedAt: Date | null;
  dispensedAt: Date | null;
}

// What a doctor's request writes.
export type NewPrescription = Pick<
  Prescription,
  | 'id'
  | 'doctorId'
  | 'patientId'
  | 'region'
  | 'medication'
  | 'dosage'
  | 'correlationId'
  | 'traceCarrier'
>;

interface PrescriptionRow {
  id: string;
  doctor_id: string;
  patient_id: string;
  region: string;
  medication: string;
  dosage: string;
  state: PrescriptionState;
  correlation_id: string;
  trace_carrier: Record<string, string>;
  cred_ex_id: string | null;
  cred_thread_id: string | null;
  created_at: Date;
  issuing_at: Date | null;
  issued_at: Date | null;
  verifying_at: Date | null;
  verified_at: Date | null;
  verification_failed_at: Date | null;
  dispensed_at: Date | null;
}

// Stores a new prescription in state created.
export async function insertPrescription(
  pool: Pool,
  prescription: NewPrescription,
): Promise<Prescription> {
  const result = await pool.query<PrescriptionRow>(
    `INSERT INTO prescriptions (id, doctor_id, patient_id, region, medication, dosage, state,
                                correlation_id, trace_carrier)
     VALUES ($1, $2, $3, $4, $5, $6, 'created', $7, $8)
     RETURNING *`,
    [
      prescription.id,
      prescription.doctorId,
      prescription.patientId,
      prescription.region,
      prescription.medication,
      prescription.dosage,
      prescription.correlationId,
      JSON.stringify(prescription.traceCarrier),
    ],
  );
  return toPrescription(result.rows[0] as PrescriptionRow);
}

// Removes a prescription that was never queued for issuance.
export async function deletePrescription(pool: Pool, id: string): Promise<void> {
  await pool.query(`DELETE FROM prescriptions WHERE id = $1 AND state = 'created'`, [id]);
}

// Reads one prescription by id.
export async function getPrescription(pool: Pool, id: string): Promise<Prescription | undefined> {
  const result = await pool.query<PrescriptionRow>('SELECT * FROM prescriptions WHERE id = $1', [
    id,
  ]);
  return result.rows[0] && toPrescription(result.rows[0]);
}

// Finds the prescription whose credential travels on an issue-credential thread.
export async function findPrescriptionByThread(
  pool: Pool,
  threadId: string,
): Promise<Prescription | undefined> {
  const result = await pool.query<PrescriptionRow>(
    'SELECT * FROM prescriptions WHERE cred_thread_id = $1',
    [threadId],
  );
  return result.rows[0] && toPrescription(result.rows[0]);
}

// Records the issuer's exchange so the holder's webhooks can be matched to the prescription.
export async function setCredentialExchange(
  pool: Pool,
  id: string,
  credExId: string,
  threadId: string,
): Promise<void> {
  await pool.query('UPDATE prescriptions SET cred_ex_id = $2, cred_thread_id = $3 WHERE id = $1', [
    id,
    credExId,
    threadId,
  ]);
}

// Applies an event if the prescription is in a state that allows it; undefined when it is not.
// The state check is part of the UPDATE, so two concurrent events cannot both win.
export async function applyPrescriptionEvent(
  pool: Queryable,
  id: string,
  event: PrescriptionEvent,
): Promise<Prescription | undefined> {
  const { from, to } = transitionOf(event);
  const result = await pool.query<PrescriptionRow>(
    `UPDATE prescriptions SET state = $2, ${enteredAtColumn(to)} = now()
     WHERE id = $1 AND state = ANY($3::text[])
     RETURNING *`,
    [id, to, from],
  );
  return result.rows[0] && toPrescription(result.rows[0]);
}

function toPrescription(row: PrescriptionRow): Prescription {
  return {
    id: row.id,
    doctorId: row.doctor_id,
    patientId: row.patient_id,
    region: row.region,
    medication: row.medication,
    dosage: row.dosage,
    state: row.state,
    correlationId: row.correlation_id,
    traceCarrier: row.trace_carrier,
    credExId: row.cred_ex_id,
    credThreadId: row.cred_thread_id,
    createdAt: row.created_at,
    issuingAt: row.issuing_at,
    issuedAt: row.issued_at,
    verifyingAt: row.verifying_at,
    verifiedAt: row.verified_at,
    verificationFailedAt: row.verification_failed_at,
    dispensedAt: row.dispensed_at,
  };
}
