import { fail, pass, type Check } from '../verdict.js';
import { labelValues, query } from './promql.js';

/** The checks of the uptime.* criteria, by id. */
export const uptimeChecks: Record<string, Check> = {
  'uptime.health_checks': async (ctx) => {
    const probes = await query(ctx, 'max by (service) (probe_success{job="health-probe"})');
    const probed = labelValues(probes, 'service');
    const expected = ctx.endpoints.healthProbed.length ? ctx.endpoints.healthProbed : probed;
    if (expected.length === 0) return fail('no health endpoint is probed by the blackbox exporter');
    const missing = expected.filter((service) => !probed.includes(service));
    if (missing.length)
      return fail(`no outside probe of the health endpoint of ${missing.join(', ')}`);
    const failing = probes.filter((s) => expected.includes(s.metric.service) && s.value !== 1);
    if (failing.length) {
      return fail(`health probes fail for ${failing.map((s) => s.metric.service).join(', ')}`);
    }
    return pass(
      `the blackbox exporter probes ${expected.length} health endpoints, all answering: ${expected.join(', ')}`,
    );
  },
};
