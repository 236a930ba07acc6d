// Typed client for one ACA-Py 0.12 agent's admin API, over Node's global fetch.
import { randomUUID } from 'node:crypto';

import {
  buildPrescriptionPresentationDefinition,
  checkPresentedPrescription,
  type PresentedPresentation,
  type Prescription,
  type PrescriptionCredential,
  type PrescriptionExpectation,
  type PrescriptionRequestInput,
  type ProofType,
} from './credential.js';

// How to reach one agent's admin API.
export interface AcapyClientOptions {
  name: string;
  adminUrl: string;
  apiKey: string;
  timeoutMs: number;
}

// Thrown for any failed admin call; status 0 means no HTTP answer (network, timeout, wait).
export class AcapyError extends Error {
  readonly status: number;
  readonly path: string;
  readonly agent: string;
  readonly body: string;

  constructor(agent: string, path: string, status: number, detail: string, cause?: unknown) {
    super(`acapy ${agent} ${path}: ${status === 0 ? 'no answer' : status} ${detail}`, {
      cause,
    });
    this.name = 'AcapyError';
    this.agent = agent;
    this.path = path;
    this.status = status;
    this.body = status === 0 ? '' : detail;
  }
}

// A DID held in the agent's wallet, as returned by POST /wallet/did/create.
export interface DidInfo {
  did: string;
  verkey: string;
  posture: string;
  key_type: string;
  method: string;
  metadata: Record<string, unknown>;
}

// An out-of-band invitation message, passed as-is from inviter to invitee.
export type OobInvitation = { '@id': string; '@type': string } & Record<string, unknown>;

// The inviter's record of an invitation it created.
export interface InvitationRecord {
  oob_id: string;
  invi_msg_id: string;
  state: string;
  invitation: OobInvitation;
  invitation_url: string;
}

// The invitee's out-of-band record; connection_id links it to the new connection.
export interface OobRecord {
  oob_id: string;
  invi_msg_id: string;
  state: string;
  role: string;
  connection_id?: string;
}

// Connection states ACA-Py reports in ConnRecord.state.
export type ConnectionState =
  'start' | 'invitation' | 'request' | 'response' | 'active' | 'completed' | 'abandoned' | 'error';

// One DIDComm connection as ACA-Py stores it.
export interface ConnRecord {
  connection_id: string;
  state: ConnectionState;
  rfc23_state: string;
  their_role: string;
  alias?: string;
  their_label?: string;
  my_did?: string;
  their_did?: string;
  invitation_msg_id?: string;
  error_msg?: string;
  created_at: string;
  updated_at: string;
}

// Filters GET /connections supports that we use.
export interface ConnectionFilter {
  state?: ConnectionState;
  alias?: string;
  invitationMsgId?: string;
}

// Issue-credential 2.0 exchange states.
export type CredExState =
  | 'proposal-sent'
  | 'proposal-received'
  | 'offer-sent'
  | 'offer-received'
  | 'request-sent'
  | 'request-received'
  | 'credential-issued'
  | 'credential-received'
  | 'done'
  | 'credential-revoked'
  | 'abandoned'
  | 'deleted';

// An issue-credential 2.0 exchange, on either side.
export interface V20CredExRecord {
  cred_ex_id: string;
  connection_id: string;
  thread_id: string;
  state: CredExState;
  role: 'issuer' | 'holder';
  initiator: string;
  error_msg?: string;
  created_at: string;
  updated_at: string;
}

// GET /issue-credential-2.0/records/{id}: the exchange plus its ld_proof detail.
export interface V20CredExDetail {
  cred_ex_record: V20CredExRecord;
  ld_proof?: { cred_ex_id: string; cred_id_stored?: string } | null;
}

// Filters for listing exchanges of either protocol.
export interface ExchangeFilter {
  threadId?: string;
  connectionId?: string;
  state?: string;
}

// What the doctor needs to issue one credential over a connection.
export interface IssueCredentialInput {
  connectionId: string;
  credential: PrescriptionCredential;
  proofType?: ProofType;
  comment?: string;
}

// A W3C credential in the holder's wallet, as returned by POST /credentials/w3c.
export interface VcRecord {
  record_id: string;
  given_id?: string;
  issuer_id: string;
  subject_ids: string[];
  expanded_types: string[];
  proof_types: string[];
  cred_value: Record<string, unknown>;
}

// Filters POST /credentials/w3c accepts for our credentials.
export interface W3cCredentialFilter {
  issuerId?: string;
  subjectIds?: string[];
}

// Present-proof 2.0 exchange states.
export type PresExState =
  | 'proposal-sent'
  | 'proposal-received'
  | 'request-sent'
  | 'request-received'
  | 'presentation-sent'
  | 'presentation-received'
  | 'done'
  | 'abandoned'
  | 'deleted';

// A present-proof 2.0 exchange; on the verifier, verified is the JSON string "true"/"false".
export interface V20PresExRecord {
  pres_ex_id: string;
  connection_id: string;
  thread_id: string;
  state: PresExState;
  role: 'prover' | 'verifier';
  verified?: 'true' | 'false';
  error_msg?: string;
  by_format?: { pres?: { dif?: PresentedPresentation } };
  created_at: string;
  updated_at: string;
}

// Verdict on a verifier's exchange; reason says why it is not a pass.
export interface VerificationOutcome {
  verified: boolean;
  state: PresExState;
  reason?: string;
  prescription?: Prescription & { id: string };
}

// Pass only if ACA-Py verified the proofs AND the requested prescription is really inside.
export function verificationOutcome(
  record: V20PresExRecord,
  expected: PrescriptionExpectation,
): VerificationOutcome {
  const { state } = record;
  if (state === 'abandoned') {
    return { verified: false, state, reason: `abandoned: ${record.error_msg ?? 'no detail'}` };
  }
  if (state !== 'done') return { verified: false, state, reason: `not finished (${state})` };
  const check = checkPresentedPrescription(record.by_format?.pres?.dif, expected);
  if (record.verified !== 'true') {
    const why = check.ok ? 'proof did not verify' : check.reason;
    return { verified: false, state, reason: `acapy verified=false: ${why}` };
  }
  if (!check.ok) {
    return { verified: false, state, reason: `acapy verified=true but ${check.reason}` };
  }
  return { verified: true, state, prescription: check.prescription };
}

// What the pharmacist needs to ask for one prescription; ACA-Py wants a UUID4 challenge.
export interface RequestPresentationInput extends Omit<PrescriptionRequestInput, 'definitionId'> {
  connectionId: string;
  challenge?: string;
  comment?: string;
}

// Client for one agent; every method is one admin call unless named waitFor*.
export class AcapyClient {
  readonly name: string;
  private readonly adminUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(options: AcapyClientOptions) {
    this.name = options.name;
    this.adminUrl = options.adminUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs;
  }

  // True once the agent answers {"ready": true}; false while starting or unreachable.
  async isReady(): Promise<boolean> {
    try {
      const res = await this.call<{ ready: boolean }>('GET', '/status/ready');
      return res.ready === true;
    } catch (err) {
      if (err instanceof AcapyError && (err.status === 0 || err.status === 503)) return false;
      throw err;
    }
  }

  // Creates a fresh ed25519 did:key in the wallet (used as issuer or subject id).
  async createDidKey(): Promise<DidInfo> {
    const body = { method: 'key', options: { key_type: 'ed25519' } };
    return (await this.call<{ result: DidInfo }>('POST', '/wallet/did/create', body)).result;
  }

  // Creates a single-use DID Exchange invitation; alias names the peer on our side.
  async createInvitation(alias: string): Promise<InvitationRecord> {
    const body = { alias, handshake_protocols: ['https://didcomm.org/didexchange/1.1'] };
    return this.call('POST', '/out-of-band/create-invitation', body, { auto_accept: 'true' });
  }

  // Accepts a peer's invitation; the returned record's connection_id is our new connection.
  async receiveInvitation(invitation: OobInvitation, alias: string): Promise<OobRecord> {
    const query = { alias, auto_accept: 'true' };
    return this.call('POST', '/out-of-band/receive-invitation', invitation, query);
  }

  // Lists connections; ACA-Py applies the filters itself and does not paginate in 0.12.
  async listConnections(filter: ConnectionFilter = {}): Promise<ConnRecord[]> {
    const query = {
      state: filter.state,
      alias: filter.alias,
      invitation_msg_id: filter.invitationMsgId,
    };
    return (await this.call<{ results: ConnRecord[] }>('GET', '/connections', undefined, query))
      .results;
  }

  // Counts connections the way ACA-Py does: GET /connections?state=active.
  async countActiveConnections(): Promise<number> {
    return (await this.listConnections({ state: 'active' })).length;
  }

  // Reads one connection.
  async getConnection(connectionId: string): Promise<ConnRecord> {
    return this.call('GET', connectionPath(connectionId));
  }

  // Sends a JSON-LD credential offer (ld_proof); auto flags on both agents do the rest.
  async issueCredential(input: IssueCredentialInput): Promise<V20CredExRecord> {
    const body = {
      connection_id: input.connectionId,
      comment: input.comment,
      auto_remove: false,
      filter: {
        ld_proof: {
          credential: input.credential,
          options: { proofType: input.proofType ?? 'Ed25519Signature2018' },
        },
      },
    };
    return this.call('POST', '/issue-credential-2.0/send', body);
  }

  // Lists credential exchanges, e.g. the holder's side of a thread.
  async listCredentialExchanges(filter: ExchangeFilter = {}): Promise<V20CredExRecord[]> {
    const res = await this.call<{ results: V20CredExDetail[] }>(
      'GET',
      '/issue-credential-2.0/records',
      undefined,
      exchangeQuery(filter),
    );
    return res.results.map((r) => r.cred_ex_record);
  }

  // Reads one credential exchange with its ld_proof detail.
  async getCredentialExchange(credExId: string): Promise<V20CredExDetail> {
    return this.call('GET', credExPath(credExId));
  }

  // Lists stored W3C credentials; no type filter, as 0.12 rejects urn:/"#" type IRIs (422).
  async listW3cCredentials(filter: W3cCredentialFilter = {}): Promise<VcRecord[]> {
    const body = { issuer_id: filter.issuerId, subject_ids: filter.subjectIds };
    return (await this.call<{ results: VcRecord[] }>('POST', '/credentials/w3c', body)).results;
  }

  // Sends a DIF present-proof 2.0 request for one prescription; the verifier auto-verifies.
  async requestPresentation(input: RequestPresentationInput): Promise<V20PresExRecord> {
    const challenge = input.challenge ?? randomUUID();
    const definition = buildPrescriptionPresentationDefinition({
      definitionId: randomUUID(),
      prescriptionId: input.prescriptionId,
      issuerDid: input.issuerDid,
      subjectDid: input.subjectDid,
      proofType: input.proofType,
    });
    const body = {
      connection_id: input.connectionId,
      comment: input.comment,
      auto_verify: true,
      auto_remove: false,
      presentation_request: {
        dif: { options: { challenge }, presentation_definition: definition },
      },
    };
    return this.call('POST', '/present-proof-2.0/send-request', body);
  }

  // Lists presentation exchanges, e.g. the prover's side of a thread.
  async listPresentationExchanges(filter: ExchangeFilter = {}): Promise<V20PresExRecord[]> {
    const res = await this.call<{ results: V20PresExRecord[] }>(
      'GET',
      '/present-proof-2.0/records',
      undefined,
      exchangeQuery(filter),
    );
    return res.results;
  }

  // Reads one presentation exchange; verified is set once the verifier reaches done.
  async getPresentationExchange(presExId: string): Promise<V20PresExRecord> {
    return this.call('GET', presExPath(presExId));
  }

  // Polls a connection until it is active (or fails), since the handshake is asynchronous.
  async waitForConnection(connectionId: string, waitMs: number): Promise<ConnRecord> {
    const read = () => this.getConnection(connectionId);
    return this.waitFor(connectionPath(connectionId), waitMs, read, (c) =>
      ['active', 'completed', 'abandoned', 'error'].includes(c.state),
    );
  }

  // Polls a credential exchange until it reaches one of the given states.
  async waitForCredentialExchange(
    credExId: string,
    states: CredExState[],
    waitMs: number,
  ): Promise<V20CredExRecord> {
    const read = async () => (await this.getCredentialExchange(credExId)).cred_ex_record;
    return this.waitFor(credExPath(credExId), waitMs, read, (r) => states.includes(r.state));
  }

  // Polls a presentation exchange until it reaches one of the given states.
  async waitForPresentationExchange(
    presExId: string,
    states: PresExState[],
    waitMs: number,
  ): Promise<V20PresExRecord> {
    const read = () => this.getPresentationExchange(presExId);
    return this.waitFor(presExPath(presExId), waitMs, read, (r) => states.includes(r.state));
  }

  private async waitFor<T extends { state: string }>(
    path: string,
    waitMs: number,
    read: () => Promise<T>,
    isDone: (value: T) => boolean,
  ): Promise<T> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const value = await read();
      if (isDone(value)) return value;
      if (Date.now() >= deadline) {
        throw new AcapyError(this.name, path, 0, `still ${value.state} after ${waitMs}ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    query: Record<string, string | undefined> = {},
  ): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, value);
    }
    const qs = params.toString() === '' ? '' : `?${params}`;
    const headers: Record<string, string> = { 'X-API-Key': this.apiKey };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.adminUrl}${path}${qs}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new AcapyError(this.name, path, 0, String(err), err);
    }
    if (!res.ok) throw new AcapyError(this.name, path, res.status, text.slice(0, 500));
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new AcapyError(this.name, path, res.status, `invalid JSON: ${text.slice(0, 200)}`, err);
    }
  }
}

function exchangeQuery(filter: ExchangeFilter): Record<string, string | undefined> {
  return { thread_id: filter.threadId, connection_id: filter.connectionId, state: filter.state };
}

function connectionPath(connectionId: string): string {
  return `/connections/${encodeURIComponent(connectionId)}`;
}

function credExPath(credExId: string): string {
  return `/issue-credential-2.0/records/${encodeURIComponent(credExId)}`;
}

function presExPath(presExId: string): string {
  return `/present-proof-2.0/records/${encodeURIComponent(presExId)}`;
}
