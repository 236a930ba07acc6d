import type { AcapyClient } from '../../stack/api/src/acapy/client.js';
import type { PrometheusClient } from '../clients/prometheus.js';
import type { AgentName } from '../stack/secrets.js';
import type { StackEndpoints } from './endpoints.js';

export type Status = 'pass' | 'fail' | 'skip';

/** A query a check ran and what came back: the evidence behind a verdict. */
export interface Evidence {
  query: string;
  result: string;
}

/** What a check concluded for one criterion. */
export interface Verdict {
  id: string;
  status: Status;
  detail: string;
  evidence: Evidence[];
  durationMs: number;
}

/** The clients a check reads the stack through; each is there only if its service is. */
export interface CheckContext {
  endpoints: StackEndpoints;
  prometheus: PrometheusClient;
  agent(name: AgentName): AcapyClient;
  /** Records a query and its answer as evidence. */
  note(query: string, result: unknown): void;
}

/** The outcome of one attempt: a pass, or a failure that a retry may turn into a pass. */
export interface Outcome {
  ok: boolean;
  detail: string;
}

/** A check proves one criterion; the runner retries it until its timeout. */
export type Check = (ctx: CheckContext) => Promise<Outcome>;

export const pass = (detail: string): Outcome => ({ ok: true, detail });
export const fail = (detail: string): Outcome => ({ ok: false, detail });
