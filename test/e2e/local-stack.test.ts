import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import pg from 'pg';

import { AcapyClient } from '../../stack/api/src/acapy/client.js';
import { PrometheusClient } from '../../src/clients/prometheus.js';
import { defaultPorts } from '../../src/config/defaults.js';
import { isAlive, portOwner } from '../../src/runtime/processes.js';
import { obsCli } from '../helpers/cli.js';

// The whole local stack, as a user runs it: up, seed, check, down. Ports are moved 20000 up so
// the test never meets a stack a developer has running.

const offset = 20_000;
const ports = Object.fromEntries(
  Object.entries(defaultPorts).map(([name, port]) => [name, port + offset]),
) as Record<keyof typeof defaultPorts, number>;
let dir: string;

const obs = (...args: string[]) => obsCli(dir)(args);

interface UpReport {
  services: Array<{ name: string; state: string; pid?: number }>;
}

let up: UpReport;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obs-e2e-'));
  await writeFile(
    path.join(dir, 'obs.yaml'),
    `stack: e2e\ndataDir: ./data\nports: ${JSON.stringify(ports)}\n`,
  );
  const result = await obs('up', '--runtime', 'local', '--json');
  expect(result.exitCode, result.stderr).toBe(0);
  up = JSON.parse(result.stdout) as UpReport;
});

afterAll(async () => {
  await obs('down', '--purge');
  await rm(dir, { recursive: true, force: true });
});

describe('the local stack, end to end', () => {
  it('brings every installable service up ready, and says which are not installable here', () => {
    const states = Object.fromEntries(up.services.map((s) => [s.name, s.state]));
    for (const name of [
      'postgres',
      'redis',
      'prometheus',
      'alertmanager',
      'api',
      'worker',
      'acapy-doctor',
    ]) {
      expect(states[name]).toBe('ready');
    }
    expect(states.grafana).toBe('not-installed');
  });

  it('leaves a running stack alone when up runs again', async () => {
    const again = await obs('up', '--runtime', 'local', '--json');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('already running');
    const pids = (r: UpReport) => r.services.map((s) => s.pid);
    expect(pids(JSON.parse(again.stdout) as UpReport)).toEqual(pids(up));
  });

  it('seeds the default scenario through the real agents within two minutes', async () => {
    const result = await obs('seed', '--json');
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.durationMs).toBeLessThan(120_000);
    expect(summary.flows.errors).toBe(0);
    expect(summary.flows.dispensed).toBeGreaterThan(0);
    expect(summary.flows.verificationFailed).toBeGreaterThan(0);
  });

  it('answers bad input with a 4xx JSON error, never a 500', async () => {
    const api = `http://127.0.0.1:${ports.api}`;
    const post = (route: string, body: string) =>
      fetch(`${api}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const cases: Array<[string, Promise<Response>, number, string]> = [
      [
        'a NUL in a name',
        post('/users', '{"role":"doctor","region":"north","name":"a\\u0000b"}'),
        400,
        'invalid_body',
      ],
      ['a JSON null body', post('/users', 'null'), 400, 'invalid_body'],
      ['a __proto__ key', post('/users', '{"__proto__":{"x":1}}'), 400, 'invalid_body'],
      ['a URL that does not decode', fetch(`${api}/prescriptions/%zz`), 400, 'bad_url'],
      ['a far too long id', fetch(`${api}/prescriptions/${'a'.repeat(5000)}`), 414, 'uri_too_long'],
    ];
    for (const [what, pending, status, code] of cases) {
      const response = await pending;
      expect({ what, status: response.status }).toEqual({ what, status });
      expect(await response.json()).toMatchObject({ error: code });
    }
  });

  it('passes every metrics criterion, the log criteria the log files prove, and the health probes', async () => {
    const logs = ['logs.json', 'logs.levels', 'logs.correlation', 'uptime.health_checks'];
    const only = ['metrics', ...logs].flatMap((prefix) => ['--only', prefix]);
    const result = await obs('check', ...only, '--format', 'json', '--timeout', '60');
    const report = JSON.parse(result.stdout) as {
      criteria: Array<{ id: string; status: string; detail: string }>;
    };
    const failed = report.criteria.filter((c) => c.status !== 'pass');
    expect(failed).toEqual([]);
    expect(report.criteria).toHaveLength(14 + logs.length);
    expect(result.exitCode).toBe(0);
  });

  it('reports every criterion of the story exactly once', async () => {
    const result = await obs('check', '--format', 'json', '--timeout', '5');
    const report = JSON.parse(result.stdout) as {
      summary: Record<string, number>;
      criteria: Array<{ id: string }>;
    };
    const ids = report.criteria.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(report.summary.passed + report.summary.failed + report.summary.skipped);
  });

  it('keeps the data of PostgreSQL, Prometheus and the wallets across down and up', async () => {
    const secrets = JSON.parse(await readFile(path.join(dir, 'data', 'secrets.json'), 'utf8'));
    const prometheus = `http://127.0.0.1:${ports.prometheus}`;
    const doctorAgent = new AcapyClient({
      name: 'doctor',
      adminUrl: `http://127.0.0.1:${ports['acapy-doctor']}`,
      apiKey: secrets.agents.doctor.adminKey,
      timeoutMs: 10_000,
    });
    const database = () =>
      new pg.Client({
        host: '127.0.0.1',
        port: ports.postgres,
        user: 'obs',
        password: secrets.postgresPassword,
        database: 'prescriptions',
      });
    const countRows = async () => {
      const client = database();
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) AS n FROM prescriptions')).rows[0].n);
      } finally {
        await client.end();
      }
    };
    const before = {
      rows: await countRows(),
      connections: await doctorAgent.countActiveConnections(),
    };
    expect(before.rows).toBeGreaterThan(0);

    expect((await obs('down')).exitCode).toBe(0);
    const again = await obs('up', '--runtime', 'local');
    expect(again.exitCode, again.stderr).toBe(0);

    expect(await countRows()).toBe(before.rows);
    expect(await doctorAgent.countActiveConnections()).toBe(before.connections);
    const history = await new PrometheusClient(prometheus).query(
      'count_over_time(prescriptions_created_total[30m])',
    );
    expect(history.length).toBeGreaterThan(0);
  });

  it('stops everything on down, leaving no process or port behind', async () => {
    const result = await obs('down');
    expect(result.exitCode, result.stderr).toBe(0);
    const state = JSON.parse(await readFile(path.join(dir, 'data', 'state.json'), 'utf8'));
    expect(state.services).toEqual({});
    const pids = up.services.flatMap((s) => (s.pid ? [s.pid] : []));
    expect(pids.length).toBeGreaterThan(10);
    expect(pids.filter(isAlive)).toEqual([]);
    for (const port of Object.values(ports)) expect(await portOwner(port)).toBeUndefined();
  });
});
