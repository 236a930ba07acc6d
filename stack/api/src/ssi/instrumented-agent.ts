import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

import { AcapyClient, AcapyError } from '../acapy/client.js';
import type { AgentSettings, Role } from '../settings.js';
import { metrics } from '../telemetry/metrics.js';
import { inSpan, type Outcome } from '../telemetry/tracer.js';

// The admin operations we call, as they appear in metric labels and span names (acapy.<name>).
export type AdminOperation =
  | 'is_ready'
  | 'create_did'
  | 'create_invitation'
  | 'receive_invitation'
  | 'list_connections'
  | 'wait_for_connection'
  | 'offer_credential'
  | 'get_credential_exchange'
  | 'request_presentation'
  | 'get_presentation_exchange';

// Admin calls time out after this long, so a hung agent fails a request instead of holding it.
const ADMIN_TIMEOUT_MS = 10_000;

// Options of one call; untraced calls (health polls) are measured but make no spans.
export interface CallOptions {
  traced?: boolean;
}

// One ACA-Py agent whose every admin call is timed, counted on failure and traced by name.
export class InstrumentedAgent {
  readonly name: Role;
  readonly client: AcapyClient;
  readonly settings: AgentSettings;

  constructor(name: Role, settings: AgentSettings) {
    this.name = name;
    this.settings = settings;
    this.client = new AcapyClient({
      name,
      adminUrl: settings.adminUrl,
      apiKey: settings.apiKey,
      timeoutMs: ADMIN_TIMEOUT_MS,
    });
  }

  // Runs one admin call through the client, recording acapy_admin_request_duration_seconds,
  // acapy_operation_failures_total and a span acapy.<operation> with its outcome.
  async call<T>(
    operation: AdminOperation,
    fn: (client: AcapyClient) => Promise<T>,
    options: CallOptions = {},
  ): Promise<T> {
    if (options.traced === false) {
      return context.with(suppressTracing(context.active()), () => this.measure(operation, fn));
    }

    return inSpan(
      `acapy.${operation}`,
      { 'acapy.agent': this.name, 'acapy.operation': operation },
      () => this.measure(operation, fn),
    );
  }

  // Counts a failed multi-call operation (connect, issue, verify) that is not a single call.
  countFailure(operation: string): void {
    metrics.operationFailures.inc({ agent: this.name, operation });
  }

  private async measure<T>(
    operation: AdminOperation,
    fn: (client: AcapyClient) => Promise<T>,
  ): Promise<T> {
    const startedAt = performance.now();
    let outcome: Outcome = 'failure';
    try {
      const value = await fn(this.client);
      outcome = operation === 'is_ready' && value === false ? 'failure' : 'success';
      return value;
    } finally {
      metrics.adminRequestDuration.observe(
        { agent: this.name, operation, outcome },
        (performance.now() - startedAt) / 1000,
      );
      if (outcome === 'failure') this.countFailure(operation);
    }
  }
}

// The three agents of the stack, built from ACAPY_AGENTS.
export function createAgents(
  settings: Record<Role, AgentSettings>,
): Record<Role, InstrumentedAgent> {
  return {
    doctor: new InstrumentedAgent('doctor', settings.doctor),
    patient: new InstrumentedAgent('patient', settings.patient),
    pharmacist: new InstrumentedAgent('pharmacist', settings.pharmacist),
  };
}

// True when an error is the agent answering or failing to answer, not a bug of ours.
export function isAgentError(err: unknown): err is AcapyError {
  return err instanceof AcapyError;
}
