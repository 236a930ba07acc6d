import { randomUUID } from 'node:crypto';

import { AcapyError, type V20PresExRecord } from '../acapy/client.js';
import { buildPrescriptionPresentationDefinition } from '../acapy/credential.js';
import type { InstrumentedAgent } from './instrumented-agent.js';

// What the pharmacist asks the presenting patient's wallet for.
export interface PrescriptionProofRequest {
  connectionId: string;
  prescriptionId: string;
  issuerDid: string;
  subjectDid: string;
}

// Sends a DIF proof request for one prescription, held by one subject DID.
// The patient agent holds every patient's credentials in one wallet, so without the subject
// constraint any patient could present anyone's prescription; AcapyClient.requestPresentation
// has no subject field yet, hence this one call of our own. Remove it once the client has one.
export async function requestPrescriptionPresentation(
  pharmacist: InstrumentedAgent,
  request: PrescriptionProofRequest,
): Promise<V20PresExRecord> {
  const definition = buildPrescriptionPresentationDefinition({
    definitionId: randomUUID(),
    prescriptionId: request.prescriptionId,
    issuerDid: request.issuerDid,
  });
  definition.input_descriptors[0]?.constraints.fields.push({
    path: ['$.credentialSubject.id'],
    purpose: 'Held by the patient who presents it',
    filter: { type: 'string', const: request.subjectDid },
  });

  const body = {
    connection_id: request.connectionId,
    auto_verify: true,
    auto_remove: false,
    presentation_request: {
      dif: { options: { challenge: randomUUID() }, presentation_definition: definition },
    },
  };
  return pharmacist.call('request_presentation', () =>
    postJson<V20PresExRecord>(pharmacist, '/present-proof-2.0/send-request', body),
  );
}

async function postJson<T>(agent: InstrumentedAgent, path: string, body: unknown): Promise<T> {
  const url = `${agent.settings.adminUrl.replace(/\/+$/, '')}${path}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'X-API-Key': agent.settings.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    text = await response.text();
  } catch (err) {
    throw new AcapyError(agent.name, path, 0, String(err), err);
  }

  if (!response.ok) throw new AcapyError(agent.name, path, response.status, text.slice(0, 500));
  return JSON.parse(text) as T;
}
