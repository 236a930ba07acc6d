import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type Metric,
} from 'prom-client';

import { ROLES, type Role } from '../settings.js';

// Latency buckets for HTTP requests and admin calls, in seconds.
const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

// Buckets for SSI exchanges between agents, which take a few round trips.
const EXCHANGE_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

// Buckets for a prescription's stages, from seconds in a demo to days in a pharmacy.
const FLOW_BUCKETS = [1, 5, 15, 30, 60, 300, 900, 3600, 14_400, 86_400, 604_800];

// Reads the active users per role; set by the API once Redis is connected.
let activeUsersSource: (() => Promise<Record<Role, number>>) | undefined;

// Reads the API's PostgreSQL pool counters; set by the API once the pool exists.
let poolSource: (() => { total: number; idle: number; waiting: number }) | undefined;

// Every metric of both processes; names and labels are the contract in stack/api/README.md.
export const metrics = {
  requests: new Counter({
    name: 'prescription_requests_total',
    help: 'Requests served by the prescription API.',
    labelNames: ['method', 'endpoint', 'status'] as const,
    registers: [],
  }),
  requestDuration: new Histogram({
    name: 'prescription_request_duration_seconds',
    help: 'Time the prescription API took to answer a request.',
    labelNames: ['method', 'endpoint'] as const,
    buckets: FAST_BUCKETS,
    registers: [],
  }),
  prescriptionsCreated: new Counter({
    name: 'prescriptions_created_total',
    help: 'Prescriptions written by doctors, by the doctor region.',
    labelNames: ['region'] as const,
    registers: [],
  }),
  verifications: new Counter({
    name: 'prescription_verifications_total',
    help: 'Presentation verifications that reached a verdict, by result.',
    labelNames: ['result'] as const,
    registers: [],
  }),
  flowDuration: new Histogram({
    name: 'prescription_flow_duration_seconds',
    help: 'Time between the stages of one prescription.',
    labelNames: ['stage'] as const,
    buckets: FLOW_BUCKETS,
    registers: [],
  }),
  activeUsers: new Gauge({
    name: 'prescription_active_users',
    help: 'Users of each role seen in the last 15 minutes, read from Redis.',
    labelNames: ['role'] as const,
    registers: [],
    async collect() {
      if (!activeUsersSource) return;

      const counts = await activeUsersSource().catch(() => undefined);
      if (!counts) return;

      for (const role of ROLES) this.set({ role }, counts[role]);
    },
  }),
  dbPoolConnections: new Gauge({
    name: 'prescription_db_pool_connections',
    help: 'Connections of the API PostgreSQL pool, by state.',
    labelNames: ['state'] as const,
    registers: [],
    collect() {
      if (!poolSource) return;

      const pool = poolSource();
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  }),
  authFailures: new Counter({
    name: 'prescription_auth_failures_total',
    help: 'Requests refused for missing, unknown or insufficient credentials, by reason.',
    labelNames: ['reason'] as const,
    registers: [],
  }),
  agentUp: new Gauge({
    name: 'acapy_agent_up',
    help: 'Whether the ACA-Py agent says it is ready (1) or not (0), polled every 5 s.',
    labelNames: ['agent'] as const,
    registers: [],
  }),
  activeConnections: new Gauge({
    name: 'acapy_active_connections',
    help: 'Connections in state active, as the ACA-Py agent reports them.',
    labelNames: ['agent'] as const,
    registers: [],
  }),
  adminRequestDuration: new Histogram({
    name: 'acapy_admin_request_duration_seconds',
    help: 'Time calls to the ACA-Py admin API took, by outcome.',
    labelNames: ['agent', 'operation', 'outcome'] as const,
    buckets: FAST_BUCKETS,
    registers: [],
  }),
  operationFailures: new Counter({
    name: 'acapy_operation_failures_total',
    help: 'ACA-Py operations that failed.',
    labelNames: ['agent', 'operation'] as const,
    registers: [],
  }),
  didOperations: new Counter({
    name: 'ssi_did_operations_total',
    help: 'DID operations, by operation and DID method.',
    labelNames: ['operation', 'method'] as const,
    registers: [],
  }),
  credentialIssuanceDuration: new Histogram({
    name: 'ssi_credential_issuance_duration_seconds',
    help: 'Time from the credential offer to the holder storing the credential.',
    labelNames: ['outcome'] as const,
    buckets: EXCHANGE_BUCKETS,
    registers: [],
  }),
  presentationVerificationDuration: new Histogram({
    name: 'ssi_presentation_verification_duration_seconds',
    help: 'Time from the proof request to the verifier verdict.',
    labelNames: ['result'] as const,
    buckets: EXCHANGE_BUCKETS,
    registers: [],
  }),
  credentials: new Counter({
    name: 'ssi_credentials_total',
    help: 'Credentials through their lifecycle: offered, issued or failed.',
    labelNames: ['state'] as const,
    registers: [],
  }),
};

// Which metrics each process exposes: the worker only issuance and its own ACA-Py calls.
const EXPOSED: Record<'api' | 'worker', (keyof typeof metrics)[]> = {
  api: [
    'requests',
    'requestDuration',
    'prescriptionsCreated',
    'verifications',
    'flowDuration',
    'activeUsers',
    'dbPoolConnections',
    'authFailures',
    'agentUp',
    'activeConnections',
    'adminRequestDuration',
    'operationFailures',
    'didOperations',
    'presentationVerificationDuration',
  ],
  worker: [
    'adminRequestDuration',
    'operationFailures',
    'credentialIssuanceDuration',
    'credentials',
  ],
};

// Builds the one registry of a process: its metrics plus prom-client's process metrics.
export function createRegistry(kind: 'api' | 'worker', regions: readonly string[] = []): Registry {
  const registry = new Registry();
  for (const key of EXPOSED[kind]) registry.registerMetric(metrics[key] as Metric);
  collectDefaultMetrics({ register: registry });
  zeroKnownSeries(kind, regions);
  return registry;
}

// Lets the active-users gauge read Redis at scrape time, so every replica reports the same.
export function setActiveUsersSource(source: () => Promise<Record<Role, number>>): void {
  activeUsersSource = source;
}

// Lets the pool gauge read the live pool at scrape time.
export function setPoolSource(
  source: () => { total: number; idle: number; waiting: number },
): void {
  poolSource = source;
}

// Counters with a known, bounded label set start at 0 so rate() and increase() see the first event.
function zeroKnownSeries(kind: 'api' | 'worker', regions: readonly string[]): void {
  if (kind === 'api') {
    for (const region of regions) metrics.prescriptionsCreated.inc({ region }, 0);
    for (const result of ['success', 'failure']) metrics.verifications.inc({ result }, 0);
    metrics.didOperations.inc({ operation: 'create', method: 'key' }, 0);
    for (const agent of ROLES) metrics.operationFailures.inc({ agent, operation: 'is_ready' }, 0);
    return;
  }

  for (const state of ['offered', 'issued', 'failed']) metrics.credentials.inc({ state }, 0);
  metrics.operationFailures.inc({ agent: 'doctor', operation: 'issue_credential' }, 0);
}
