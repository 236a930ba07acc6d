import { agentNames } from '../../stack/secrets.js';
import { fail, pass, type Check } from '../verdict.js';
import { labelValues, missingPositive, query } from './promql.js';

const roles = ['doctor', 'patient', 'pharmacist'] as const;

// Filesystems that are memory or image layers, not disks that fill up.
const realDisks = '{fstype!~"tmpfs|ramfs|overlay|squashfs"}';
const stages = ['doctor_to_patient', 'patient_to_pharmacist', 'total'] as const;

// A path segment that is an id rather than part of a route template.
const rawSegment = /\/(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|[0-9a-f]{16,}|RX-[^/]*)(\/|$)/i;

/** The checks of the metrics.* criteria, by id. */
export const metricsChecks: Record<string, Check> = {
  'metrics.endpoint': async (ctx) => {
    const up = await query(ctx, 'up');
    const jobs = ctx.endpoints.scrapeJobs;
    const missing = jobs.filter((job) => !up.some((s) => s.metric.job === job));
    const down = up
      .filter((s) => jobs.includes(s.metric.job) && s.value !== 1)
      .map((s) => s.metric.job);
    if (missing.length) return fail(`no scrape target in Prometheus for ${missing.join(', ')}`);
    if (down.length) return fail(`targets not up: ${down.join(', ')}`);
    return pass(
      `${jobs.length} instrumented services expose /metrics, each up == 1: ${jobs.join(', ')}`,
    );
  },

  'metrics.red': async (ctx) => {
    const requests = await query(
      ctx,
      'sum by (method, endpoint, status) (prescription_requests_total)',
    );
    const durations = await query(
      ctx,
      'sum by (method, endpoint) (prescription_request_duration_seconds_count)',
    );
    const buckets = await query(ctx, 'count(prescription_request_duration_seconds_bucket)');
    if (requests.length === 0) return fail('prescription_requests_total has no series');
    if (durations.length === 0 || !(buckets[0]?.value > 0)) {
      return fail('prescription_request_duration_seconds has no histogram series');
    }
    const raw = labelValues(requests, 'endpoint').filter((endpoint) => rawSegment.test(endpoint));
    if (raw.length) return fail(`endpoint label holds raw paths: ${raw.join(', ')}`);
    const statuses = labelValues(requests, 'status');
    const has = (prefix: string) => statuses.some((status) => status.startsWith(prefix));
    if (!has('4') || !has('5'))
      return fail(`status classes seen: ${statuses.join(', ')}; 4xx and 5xx are both needed`);
    const endpoints = labelValues(requests, 'endpoint');
    return pass(
      `${requests.length} request series over ${endpoints.length} route templates; statuses ${statuses.join(', ')}`,
    );
  },

  'metrics.business.prescriptions_created': async (ctx) => {
    const growth = await query(ctx, 'sum(increase(prescriptions_created_total[1h]))');
    const total = await query(ctx, 'sum(prescriptions_created_total)');
    const series = await ctx.prometheus.series('prescriptions_created_total');
    ctx.note('series prescriptions_created_total', `${series.length} series`);
    if (!(growth[0]?.value > 0))
      return fail('prescriptions_created_total did not grow in the last hour');
    const allowed = new Set(['__name__', 'job', 'instance', 'service', 'region']);
    const labels = [...new Set(series.flatMap((set) => Object.keys(set)))];
    const extra = labels.filter((label) => !allowed.has(label));
    if (extra.length)
      return fail(`prescriptions_created_total has unbounded labels: ${extra.join(', ')}`);
    const regions = new Set(series.map((set) => set.region)).size;
    // increase() extrapolates from scraped samples, so it reads a little under the true count.
    return pass(
      `${total[0]?.value ?? 0} counted across ${regions} regions; increase over 1h answers ` +
        `${growth[0].value.toFixed(1)}; labels bounded`,
    );
  },

  'metrics.business.verifications': async (ctx) => {
    const results = await query(ctx, 'sum by (result) (prescription_verifications_total)');
    const missing = missingPositive(results, 'result', ['success', 'failure']);
    if (missing.length) return fail(`no verifications with result ${missing.join(' or ')}`);
    return pass(results.map((s) => `${s.metric.result}: ${s.value}`).join(', '));
  },

  'metrics.business.flow_time': async (ctx) => {
    const counts = await query(ctx, 'sum by (stage) (prescription_flow_duration_seconds_count)');
    const missing = missingPositive(counts, 'stage', stages);
    if (missing.length)
      return fail(`prescription_flow_duration_seconds has no data for ${missing.join(', ')}`);
    const means = await query(
      ctx,
      'sum by (stage) (prescription_flow_duration_seconds_sum)' +
        ' / sum by (stage) (prescription_flow_duration_seconds_count)',
    );
    return pass(means.map((s) => `${s.metric.stage} mean ${s.value.toFixed(2)} s`).join(', '));
  },

  'metrics.business.active_users': async (ctx) => {
    const active = await query(ctx, 'max by (role) (prescription_active_users)');
    const missing = missingPositive(active, 'role', roles);
    if (missing.length) return fail(`no active users of role ${missing.join(', ')}`);
    return pass(active.map((s) => `${s.metric.role}: ${s.value}`).join(', '));
  },

  'metrics.infra.host': async (ctx) => {
    const exprs = {
      cpu: '1 - avg(rate(node_cpu_seconds_total{mode="idle"}[1m]))',
      memory: '1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes)',
      disk: `max(1 - node_filesystem_avail_bytes${realDisks} / node_filesystem_size_bytes${realDisks})`,
    };
    const found: string[] = [];
    for (const [name, expr] of Object.entries(exprs)) {
      const value = (await query(ctx, expr))[0]?.value;
      if (value === undefined || !Number.isFinite(value))
        return fail(`host ${name} usage has no data (${expr})`);
      found.push(`${name} ${(value * 100).toFixed(1)}%`);
    }
    return pass(`host usage: ${found.join(', ')}`);
  },

  'metrics.infra.db_connections': async (ctx) => {
    const server = await query(ctx, 'sum(pg_stat_activity_count)');
    const pool = await query(ctx, 'sum by (state) (prescription_db_pool_connections)');
    if (server.length === 0)
      return fail('pg_stat_activity_count (server-side connections) has no data');
    if (!pool.some((s) => s.metric.state === 'total'))
      return fail('prescription_db_pool_connections{state="total"} has no data');
    const total = pool.find((s) => s.metric.state === 'total')!.value;
    return pass(`server side ${server[0].value} connections; API pool total ${total}`);
  },

  'metrics.infra.api_response_times': async (ctx) => {
    const found: string[] = [];
    for (const q of [0.5, 0.95, 0.99]) {
      const rate = 'rate(prescription_request_duration_seconds_bucket[15m])';
      const expr = `histogram_quantile(${q}, sum by (le, endpoint) (${rate}))`;
      const values = (await query(ctx, expr)).filter((s) => Number.isFinite(s.value));
      if (values.length === 0) return fail(`p${q * 100} per endpoint has no data`);
      const worst = values.reduce((a, b) => (b.value > a.value ? b : a));
      found.push(
        `p${q * 100} on ${values.length} endpoints (max ${(worst.value * 1000).toFixed(0)} ms)`,
      );
    }
    return pass(found.join('; '));
  },

  'metrics.infra.acapy_health': async (ctx) => {
    const health = await query(ctx, 'max by (agent) (acapy_agent_up)');
    const expected = agentNames.filter((agent) => ctx.endpoints.agents[agent]);
    const missing = missingPositive(health, 'agent', expected);
    if (missing.length) return fail(`acapy_agent_up is not 1 for ${missing.join(', ')}`);
    for (const agent of expected) {
      const ready = await ctx.agent(agent).isReady();
      ctx.note(`GET ${agent} /status/ready`, String(ready));
      if (!ready)
        return fail(`acapy_agent_up says ${agent} is up, but its /status/ready says not ready`);
    }
    return pass(
      `acapy_agent_up == 1 for ${expected.join(', ')}, matching each agent's /status/ready`,
    );
  },

  'metrics.ssi.did_operations': async (ctx) => {
    const ops = await query(ctx, 'sum by (operation, method) (ssi_did_operations_total)');
    if (!ops.some((s) => s.value > 0))
      return fail('ssi_did_operations_total has no counted operations');
    if (ops.some((s) => !s.metric.operation || !s.metric.method))
      return fail('ssi_did_operations_total lacks operation or method labels');
    return pass(
      ops.map((s) => `${s.metric.operation} did:${s.metric.method}: ${s.value}`).join(', '),
    );
  },

  'metrics.ssi.vc_issuance_time': async (ctx) => {
    const count =
      (await query(ctx, 'sum(ssi_credential_issuance_duration_seconds_count)'))[0]?.value ?? 0;
    if (!(count > 0)) return fail('ssi_credential_issuance_duration_seconds has no observations');
    if (!ctx.endpoints.agents.doctor)
      return pass(`${count} issuances observed (no agent to cross-check)`);
    const done = await ctx.agent('doctor').listCredentialExchanges({ state: 'done' });
    ctx.note('GET doctor /issue-credential-2.0/records?state=done', `${done.length} records`);
    if (done.length < count)
      return fail(
        `${count} issuances observed, but the doctor's agent has only ${done.length} done`,
      );
    return pass(
      `${count} issuances timed; the doctor's ACA-Py agent holds ${done.length} done credential exchanges`,
    );
  },

  'metrics.ssi.verification_time': async (ctx) => {
    const count =
      (await query(ctx, 'sum(ssi_presentation_verification_duration_seconds_count)'))[0]?.value ??
      0;
    if (!(count > 0))
      return fail('ssi_presentation_verification_duration_seconds has no observations');
    if (!ctx.endpoints.agents.pharmacist)
      return pass(`${count} verifications observed (no agent to cross-check)`);
    const records = await ctx.agent('pharmacist').listPresentationExchanges({});
    const finished = records.filter((r) => r.state === 'done' || r.state === 'abandoned');
    ctx.note(
      'GET pharmacist /present-proof-2.0/records',
      `${finished.length} finished of ${records.length}`,
    );
    if (finished.length < count)
      return fail(
        `${count} verifications observed, but the pharmacist's agent finished only ${finished.length}`,
      );
    return pass(
      `${count} verifications timed; the pharmacist's ACA-Py agent finished ${finished.length} presentation exchanges`,
    );
  },

  'metrics.ssi.connections': async (ctx) => {
    const gauges = await query(ctx, 'max by (agent) (acapy_active_connections)');
    const expected = agentNames.filter((agent) => ctx.endpoints.agents[agent]);
    const mismatches: string[] = [];
    const seen: string[] = [];
    for (const agent of expected) {
      const reported = await ctx.agent(agent).countActiveConnections();
      ctx.note(`GET ${agent} /connections?state=active`, `${reported} active`);
      const gauge = gauges.find((s) => s.metric.agent === agent)?.value;
      if (gauge !== reported)
        mismatches.push(`${agent}: gauge ${gauge ?? 'absent'}, ACA-Py ${reported}`);
      seen.push(`${agent} ${reported}`);
    }
    if (mismatches.length)
      return fail(`acapy_active_connections differs from ACA-Py: ${mismatches.join('; ')}`);
    if (expected.length === 0)
      return fail('no ACA-Py agent to compare acapy_active_connections with');
    return pass(`acapy_active_connections equals ACA-Py's own count: ${seen.join(', ')}`);
  },
};
