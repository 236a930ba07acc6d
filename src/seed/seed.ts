import { ObsError } from '../errors.js';
import { PrescriptionApiClient } from './api-client.js';
import {
  badRequests,
  injectedFault,
  prescriptionFlow,
  registerCast,
  type FlowResult,
} from './scenario.js';

/** How much traffic to drive, and where. */
export interface SeedOptions {
  apiUrl: string;
  /** Flows to run. */
  count: number;
  /** Flows started a second. */
  rate: number;
  /** The longest the whole run may take; flows not started by then are not started. */
  durationMs: number;
  regions: string[];
  /** Every n-th flow is presented by the wrong patient, so its verification must fail. */
  impostorEvery: number;
}

/** What a seeding run did. */
export interface SeedSummary {
  flows: { dispensed: number; verificationFailed: number; errors: number };
  requests: number;
  statuses: Record<string, number>;
  latencyMs: { p50: number; p95: number };
  durationMs: number;
  faultInjection: 'enabled' | 'disabled';
  errors: string[];
}

export const defaultSeedOptions = {
  count: 24,
  rate: 2,
  durationMs: 110_000,
  regions: ['north', 'south', 'east', 'west', 'central'],
  impostorEvery: 4,
};

/** Plays the default scenario against a running API. */
export async function runSeed(
  options: SeedOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SeedSummary> {
  const started = Date.now();
  const api = new PrescriptionApiClient(options.apiUrl);
  await assertReady(api);

  const cast = await registerCast(
    api,
    { doctors: 4, patients: 8, pharmacists: 3 },
    options.regions,
  );
  const badStatuses = await badRequests(api, cast);
  const server = badStatuses.filter((status) => status >= 500);
  const errors = server.length
    ? [`bad requests answered ${server.join(', ')}: input errors must be 4xx`]
    : [];

  const results: FlowResult[] = [];
  const running: Promise<void>[] = [];
  const deadline = started + options.durationMs;
  let faultStatus = 0;
  for (let i = 0; i < options.count && Date.now() < deadline; i++) {
    const patient = cast.patients[i % cast.patients.length];
    const impostor =
      (i + 1) % options.impostorEvery === 0
        ? cast.patients[(i + 1) % cast.patients.length]
        : undefined;
    const people = {
      doctor: cast.doctors[i % cast.doctors.length],
      patient,
      pharmacist: cast.pharmacists[i % cast.pharmacists.length],
      impostor,
    };
    running.push(
      prescriptionFlow(api, people, Math.max(5_000, deadline - Date.now()))
        .then((result) => {
          results.push(result);
        })
        .catch((error: Error) => {
          results.push('error');
          errors.push(error.message);
        })
        .finally(() => onProgress(results.length, options.count)),
    );
    if (i % 8 === 0) faultStatus = await injectedFault(api, cast);
    await new Promise((resolve) => setTimeout(resolve, 1000 / options.rate));
  }
  await Promise.all(running);
  await badRequests(api, cast);

  const sorted = [...api.latenciesMs].sort((a, b) => a - b);
  const quantile = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    flows: {
      dispensed: results.filter((r) => r === 'dispensed').length,
      verificationFailed: results.filter((r) => r === 'verification_failed').length,
      errors: results.filter((r) => r === 'error').length,
    },
    requests: sorted.length,
    statuses: Object.fromEntries([...api.statuses].sort(([a], [b]) => a - b)),
    latencyMs: { p50: Math.round(quantile(0.5)), p95: Math.round(quantile(0.95)) },
    durationMs: Date.now() - started,
    faultInjection: faultStatus === 500 ? 'enabled' : 'disabled',
    errors: [...new Set(errors)].slice(0, 10),
  };
}

async function assertReady(api: PrescriptionApiClient) {
  let status: number;
  try {
    status = (await api.request('GET', '/ready')).status;
  } catch (error) {
    throw new ObsError('SEED_FAILED', `the prescription API at ${api.baseUrl} does not answer`, {
      cause: error,
      hint: 'Start the stack with obs up, or point --api-url at a running API.',
    });
  }
  if (status !== 200) {
    throw new ObsError(
      'SEED_FAILED',
      `the prescription API at ${api.baseUrl} is not ready (GET /ready answered ${status})`,
      {
        hint: 'Wait for obs status to show every service ready, then seed again.',
      },
    );
  }
}
