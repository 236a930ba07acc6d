import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StackEndpoints } from '../../src/conformance/endpoints.js';
import { runChecks } from '../../src/conformance/runner.js';
import type { Criterion } from '../../src/conformance/criteria.js';
import { freePort, startExposition, startPrometheus } from '../helpers/prometheus.js';

// The metrics checks against a real Prometheus scraping exposition text the test controls: they
// must pass on what the story asks for, and fail on each way of getting it wrong.

const criterion = (id: string): Criterion => ({
  id,
  area: 'metrics',
  needs: ['prometheus'],
  passes_when: '',
});
const pace = { timeoutMs: 4_000, intervalMs: 500, concurrency: 1 };

let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
let api: Awaited<ReturnType<typeof startExposition>>;
let laterPort: number;
let probes: Awaited<ReturnType<typeof startExposition>>;

const endpoints = (): StackEndpoints => ({
  present: new Map([['prometheus', prometheus.url]]),
  absent: new Map(),
  agents: {},
  scrapeJobs: ['prescription-api', 'later'],
  healthProbed: ['api', 'worker'],
  logFiles: {},
});

const red = (endpoint: string, status = '500') => `
prescription_requests_total{method="GET",endpoint="${endpoint}",status="200"} 5
prescription_requests_total{method="GET",endpoint="${endpoint}",status="404"} 1
prescription_requests_total{method="GET",endpoint="${endpoint}",status="${status}"} 1
prescription_request_duration_seconds_bucket{method="GET",endpoint="${endpoint}",le="0.1"} 6
prescription_request_duration_seconds_bucket{method="GET",endpoint="${endpoint}",le="+Inf"} 7
prescription_request_duration_seconds_sum{method="GET",endpoint="${endpoint}"} 0.7
prescription_request_duration_seconds_count{method="GET",endpoint="${endpoint}"} 7
`;

const verdictOf = async (id: string) => (await runChecks([criterion(id)], endpoints(), pace))[0];

beforeAll(async () => {
  api = await startExposition();
  laterPort = await freePort();
  probes = await startExposition();
  prometheus = await startPrometheus({
    'prescription-api': api.target,
    later: `127.0.0.1:${laterPort}`,
    'health-probe': probes.target,
  });
}, 30_000);

afterAll(async () => {
  await prometheus?.stop();
  await api?.close();
  await probes?.close();
});

describe('metrics checks on a real Prometheus', () => {
  it('fails metrics.endpoint while a target is down, and passes once it serves /metrics', async () => {
    expect(await verdictOf('metrics.endpoint')).toMatchObject({
      status: 'fail',
      detail: 'targets not up: later',
    });
    const later = await startExposition(laterPort);
    try {
      expect((await verdictOf('metrics.endpoint')).status).toBe('pass');
    } finally {
      await later.close();
    }
  }, 30_000);

  it('passes metrics.red on route templates with 4xx and 5xx series', async () => {
    api.set(red('/prescriptions/:id'));
    const verdict = await verdictOf('metrics.red');
    expect(verdict.detail).toContain('statuses 200, 404, 500');
    expect(verdict.status).toBe('pass');
  }, 20_000);

  it('fails metrics.red when the endpoint label holds a raw path', async () => {
    api.set(red('/prescriptions/3f2a9c4e-1b2d-4c5e-8f90-123456789abc'));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const verdict = await verdictOf('metrics.red');
    expect(verdict).toMatchObject({ status: 'fail' });
    expect(verdict.detail).toMatch(/endpoint label holds raw paths/);
  }, 20_000);

  it('fails metrics.red when no 5xx series exists', async () => {
    api.set(red('/prescriptions/:id', '409'));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await verdictOf('metrics.red')).detail).toMatch(/4xx and 5xx are both needed/);
  }, 20_000);

  it('fails metrics.business.prescriptions_created on a doctor_id label', async () => {
    api.set('prescriptions_created_total{doctor_id="d-1"} 1\n');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    api.set('prescriptions_created_total{doctor_id="d-1"} 4\n');
    const verdict = await verdictOf('metrics.business.prescriptions_created');
    expect(verdict.detail).toBe('prescriptions_created_total has unbounded labels: doctor_id');
  }, 20_000);

  it('fails metrics.business.verifications without failures, and passes with both results', async () => {
    api.set('prescription_verifications_total{result="success"} 3\n');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await verdictOf('metrics.business.verifications')).detail).toBe(
      'no verifications with result failure',
    );
    api.set(
      'prescription_verifications_total{result="success"} 3\nprescription_verifications_total{result="failure"} 1\n',
    );
    expect((await verdictOf('metrics.business.verifications')).status).toBe('pass');
  }, 30_000);

  it('fails uptime.health_checks while a health probe fails or a service is not probed', async () => {
    probes.set('probe_success{service="api"} 1\n');
    expect((await verdictOf('uptime.health_checks')).detail).toBe(
      'no outside probe of the health endpoint of worker',
    );
    probes.set('probe_success{service="api"} 1\nprobe_success{service="worker"} 0\n');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await verdictOf('uptime.health_checks')).detail).toBe('health probes fail for worker');
    probes.set('probe_success{service="api"} 1\nprobe_success{service="worker"} 1\n');
    expect((await verdictOf('uptime.health_checks')).status).toBe('pass');
  }, 30_000);
});
