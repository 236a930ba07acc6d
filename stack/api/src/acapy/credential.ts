// Pure builders for the prescription credential and the proof request that asks for it.

// Base of the IRIs our inline context maps terms to; a URN so nothing is ever fetched.
export const PRESCRIPTION_VOCAB = 'urn:obs:rx#';

// The W3C credentials v1 context, which ACA-Py 0.12 serves from its built-in cache.
export const CREDENTIALS_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';

// Inline JSON-LD context: ACA-Py refuses (HTTP 500) to sign a credential with an undefined term.
export const PRESCRIPTION_CONTEXT = {
  PrescriptionCredential: `${PRESCRIPTION_VOCAB}PrescriptionCredential`,
  prescriptionId: `${PRESCRIPTION_VOCAB}prescriptionId`,
  medication: `${PRESCRIPTION_VOCAB}medication`,
  dosage: `${PRESCRIPTION_VOCAB}dosage`,
  region: `${PRESCRIPTION_VOCAB}region`,
} as const;

// Credential type name as it appears in the credential's "type" array.
export const PRESCRIPTION_TYPE = 'PrescriptionCredential';

// Expanded IRI of the type, which is what ACA-Py matches a DIF "schema" uri against.
export const PRESCRIPTION_TYPE_IRI = PRESCRIPTION_CONTEXT.PrescriptionCredential;

// Linked-data proof suites ACA-Py 0.12 can sign and verify with an ed25519 did:key.
export type ProofType = 'Ed25519Signature2018' | 'Ed25519Signature2020';

// What a prescription says; deliberately no personal data about the patient.
export interface Prescription {
  prescriptionId: string;
  medication: string;
  dosage: string;
  region: string;
}

// Inputs to build one unsigned prescription credential.
export interface PrescriptionCredentialInput extends Prescription {
  issuerDid: string;
  subjectDid: string;
  issuanceDate?: Date;
}

// Unsigned W3C credential body as sent in the ld_proof filter of issue-credential 2.0.
export interface PrescriptionCredential {
  '@context': [typeof CREDENTIALS_V1_CONTEXT, typeof PRESCRIPTION_CONTEXT];
  type: ['VerifiableCredential', typeof PRESCRIPTION_TYPE];
  issuer: string;
  issuanceDate: string;
  credentialSubject: Prescription & { id: string };
}

// Builds the credential the doctor issues to the patient's did:key.
export function buildPrescriptionCredential(
  input: PrescriptionCredentialInput,
): PrescriptionCredential {
  const issued = input.issuanceDate ?? new Date();
  return {
    '@context': [CREDENTIALS_V1_CONTEXT, PRESCRIPTION_CONTEXT],
    type: ['VerifiableCredential', PRESCRIPTION_TYPE],
    issuer: input.issuerDid,
    issuanceDate: issued.toISOString(),
    credentialSubject: {
      id: input.subjectDid,
      prescriptionId: input.prescriptionId,
      medication: input.medication,
      dosage: input.dosage,
      region: input.region,
    },
  };
}

// One JSON-path constraint of a DIF input descriptor.
export interface DifField {
  path: string[];
  purpose?: string;
  filter?: { type?: string; const?: string };
}

// DIF presentation definition as ACA-Py 0.12 accepts it in a present-proof 2.0 request.
export interface PresentationDefinition {
  id: string;
  format: { ldp_vp: { proof_type: ProofType[] } };
  input_descriptors: {
    id: string;
    name: string;
    schema: { uri: string }[];
    constraints: { fields: DifField[] };
  }[];
}

// Inputs to ask for one prescription, optionally from one doctor; ACA-Py wants a UUID4 id.
export interface PrescriptionRequestInput {
  definitionId: string;
  prescriptionId: string;
  issuerDid?: string;
  /** The DID the credential must be issued to: one wallet may hold several patients' credentials. */
  subjectDid?: string;
  proofType?: ProofType;
}

// Builds the definition a pharmacist sends to ask for one prescription by its id.
export function buildPrescriptionPresentationDefinition(
  input: PrescriptionRequestInput,
): PresentationDefinition {
  const fields: DifField[] = [
    {
      path: ['$.credentialSubject.prescriptionId'],
      purpose: 'The prescription being dispensed',
      filter: { type: 'string', const: input.prescriptionId },
    },
  ];
  if (input.issuerDid) {
    fields.push({
      path: ['$.issuer', '$.issuer.id'],
      purpose: 'Issued by the expected doctor',
      filter: { type: 'string', const: input.issuerDid },
    });
  }
  if (input.subjectDid) {
    fields.push({
      path: ['$.credentialSubject.id'],
      purpose: 'Held by the patient who presents it',
      filter: { type: 'string', const: input.subjectDid },
    });
  }
  return {
    id: input.definitionId,
    format: { ldp_vp: { proof_type: [input.proofType ?? 'Ed25519Signature2018'] } },
    input_descriptors: [
      {
        id: 'prescription',
        name: PRESCRIPTION_TYPE,
        schema: [{ uri: PRESCRIPTION_TYPE_IRI }],
        constraints: { fields },
      },
    ],
  };
}

// A credential as it comes back inside a presentation.
export interface PresentedCredential {
  type?: string[];
  issuer?: string | { id: string };
  credentialSubject?: Partial<Prescription> & { id?: string };
}

// The presentation a holder sent, as ACA-Py stores it under by_format.pres.dif.
export interface PresentedPresentation {
  verifiableCredential?: PresentedCredential[];
  proof?: { verificationMethod?: string };
}

// What the pharmacist asked for, to check the presentation against.
export interface PrescriptionExpectation {
  prescriptionId: string;
  issuerDid?: string;
}

// Result of checking a presentation's content; reason says what was missing.
export type PresentedPrescriptionCheck =
  | { ok: true; issuer: string; prescription: Prescription & { id: string } }
  | { ok: false; reason: string };

// ACA-Py 0.12 verifies an empty signed VP as "true"; this checks the prescription is inside.
export function checkPresentedPrescription(
  vp: PresentedPresentation | undefined,
  expected: PrescriptionExpectation,
): PresentedPrescriptionCheck {
  const list = vp?.verifiableCredential;
  const credentials = Array.isArray(list) ? list : [];
  if (credentials.length === 0) return { ok: false, reason: 'presentation holds no credential' };
  const match = credentials.find(
    (c) =>
      Array.isArray(c.type) &&
      c.type.includes(PRESCRIPTION_TYPE) &&
      c.credentialSubject?.prescriptionId === expected.prescriptionId,
  );
  if (!match) return { ok: false, reason: `no credential for ${expected.prescriptionId}` };
  const issuer = typeof match.issuer === 'string' ? match.issuer : (match.issuer?.id ?? '');
  if (expected.issuerDid && issuer !== expected.issuerDid) {
    return { ok: false, reason: `issued by ${issuer}, not ${expected.issuerDid}` };
  }
  const subject = match.credentialSubject ?? {};
  const signer = vp?.proof?.verificationMethod?.split('#')[0];
  if (!subject.id || signer !== subject.id) {
    return { ok: false, reason: `presented by ${signer ?? 'nobody'}, not the subject` };
  }
  const { id, medication, dosage, region } = subject;
  if (medication === undefined || dosage === undefined || region === undefined) {
    return { ok: false, reason: 'prescription fields missing' };
  }
  const prescription = { id, prescriptionId: expected.prescriptionId, medication, dosage, region };
  return { ok: true, issuer, prescription };
}
