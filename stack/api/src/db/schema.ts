// The schema as ordered migrations; a migration is never edited once released, only appended.
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'users, prescriptions and verifications',
    sql: `
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('doctor', 'patient', 'pharmacist')),
        region text NOT NULL,
        name text NOT NULL,
        did text NOT NULL,
        token_sha256 text NOT NULL UNIQUE,
        doctor_connection_id text,
        pharmacist_connection_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE prescriptions (
        id uuid PRIMARY KEY,
        doctor_id uuid NOT NULL REFERENCES users (id),
        patient_id uuid NOT NULL REFERENCES users (id),
        region text NOT NULL,
        medication text NOT NULL,
        dosage text NOT NULL,
        state text NOT NULL,
        correlation_id text NOT NULL,
        trace_carrier jsonb NOT NULL DEFAULT '{}'::jsonb,
        cred_ex_id text,
        cred_thread_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        issuing_at timestamptz,
        issued_at timestamptz,
        verifying_at timestamptz,
        verified_at timestamptz,
        verification_failed_at timestamptz,
        dispensed_at timestamptz
      );
      CREATE INDEX prescriptions_cred_thread_id ON prescriptions (cred_thread_id);

      CREATE TABLE verifications (
        id uuid PRIMARY KEY,
        prescription_id uuid NOT NULL REFERENCES prescriptions (id),
        pharmacist_id uuid NOT NULL REFERENCES users (id),
        presenter_id uuid NOT NULL REFERENCES users (id),
        state text NOT NULL,
        result text CHECK (result IN ('success', 'failure')),
        reason text,
        pres_ex_id text UNIQUE,
        correlation_id text NOT NULL,
        trace_carrier jsonb NOT NULL DEFAULT '{}'::jsonb,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX verifications_prescription_id ON verifications (prescription_id);
    `,
  },
];
