import { AcapyClient } from '../../stack/api/src/acapy/client.js';
import { PrometheusClient } from '../clients/prometheus.js';
import { causeChain } from '../errors.js';
import type { AgentName } from '../stack/secrets.js';
import { checks } from './checks/index.js';
import type { Criterion } from './criteria.js';
import type { StackEndpoints } from './endpoints.js';
import type { CheckContext, Evidence, Outcome, Verdict } from './verdict.js';

/** How a run of the checks is paced. */
export interface RunOptions {
  /** How long one check may keep retrying before it fails, unless its criterion says longer. */
  timeoutMs: number;
  intervalMs: number;
  concurrency: number;
  onVerdict?: (verdict: Verdict) => void;
}

/** Runs every criterion's check against the stack and returns one verdict per criterion. */
export async function runChecks(
  criteria: Criterion[],
  endpoints: StackEndpoints,
  options: RunOptions,
): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array(criteria.length);
  let next = 0;
  const worker = async () => {
    while (next < criteria.length) {
      const index = next++;
      verdicts[index] = await runOne(criteria[index], endpoints, options);
      options.onVerdict?.(verdicts[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return verdicts;
}

async function runOne(
  criterion: Criterion,
  endpoints: StackEndpoints,
  options: RunOptions,
): Promise<Verdict> {
  const started = Date.now();
  const verdict = (
    status: Verdict['status'],
    detail: string,
    evidence: Evidence[] = [],
  ): Verdict => ({
    id: criterion.id,
    status,
    detail,
    evidence,
    durationMs: Date.now() - started,
  });

  const missing = criterion.needs.filter((service) => !endpoints.present.has(service));
  if (missing.length > 0) {
    const why = missing.map(
      (service) =>
        `${service} (${endpoints.absent.get(service) ?? 'not part of the checked stack'})`,
    );
    return verdict('skip', `needs ${why.join(', ')}`);
  }
  const check = checks[criterion.id];
  if (!check) return verdict('fail', 'no check yet');

  const deadline = started + Math.max(options.timeoutMs, (criterion.timeout_seconds ?? 0) * 1000);
  for (;;) {
    const evidence: Evidence[] = [];
    const ctx = context(endpoints, evidence);
    let last: Outcome;
    try {
      last = await check(ctx);
    } catch (error) {
      last = { ok: false, detail: causeChain(error).join(': ') };
    }
    if (last.ok || Date.now() + options.intervalMs > deadline) {
      return verdict(last.ok ? 'pass' : 'fail', last.detail, evidence);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

function context(endpoints: StackEndpoints, evidence: Evidence[]): CheckContext {
  const agents = new Map<AgentName, AcapyClient>();
  return {
    endpoints,
    prometheus: new PrometheusClient(endpoints.present.get('prometheus') ?? ''),
    agent(name) {
      const endpoint = endpoints.agents[name];
      if (!endpoint) throw new Error(`the ${name} agent is not part of the checked stack`);
      if (!agents.has(name)) {
        agents.set(name, new AcapyClient({ name, ...endpoint, timeoutMs: 10_000 }));
      }
      return agents.get(name)!;
    },
    note(query, result) {
      evidence.push({
        query,
        result: typeof result === 'string' ? result : JSON.stringify(result),
      });
    },
  };
}
