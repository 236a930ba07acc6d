// How each kind of service is described: the pieces buildStack assembles the stack from.
import { createHash } from 'node:crypto';
import path from 'node:path';

import type { Config } from '../config/config.js';
import { images } from './images.js';
import type { Service } from './model.js';
import { packageRoot, stackPaths } from './paths.js';
import { agentNames, type AgentName } from './secrets.js';

/** Every service of ours listens on loopback only. */
export const host = '127.0.0.1';

/** A loopback URL. */
export const http = (port: number, route = '') => `http://${host}:${port}${route}`;

/** What to run when a Debian package's program is missing. */
export const missingApt = (pkg: string) =>
  `apt-get install -y ${pkg} (or run scripts/setup-local.sh)`;

/** The API or the worker: a Node process of ours, built from stack/api, with its env file. */
export function appService(options: {
  name: 'api' | 'worker';
  summary: string;
  port: number;
  readyPath: string;
  job: string;
  entry: string;
  config: Config;
  build?: boolean;
}): Service {
  const { name, port, entry } = options;
  const envFile = path.join(stackPaths(options.config.dataDir).config, 'api', `${name}.env`);
  return {
    name,
    kind: 'app',
    summary: options.summary,
    url: http(port),
    ports: [port],
    readiness: { kind: 'http', url: http(port, options.readyPath) },
    dependsOn: ['postgres', 'redis', ...agentNames.map((a) => `acapy-${a}`)],
    scrape: { job: options.job, target: `${host}:${port}` },
    health: http(port, '/health'),
    local: {
      command: process.execPath,
      args: [`--env-file=${envFile}`, path.join(packageRoot, 'dist', 'stack', 'api', 'src', entry)],
      install: `npm run build (the ${name} is compiled from stack/api)`,
      waitsForDependencies: true,
    },
    container: {
      image: images.api,
      ...(options.build ? { build: { context: '.', dockerfile: 'stack/api/Dockerfile' } } : {}),
      command: ['node', `--env-file=/etc/obs/${name}.env`, `dist/stack/api/src/${entry}`],
      volumes: [{ source: `api/${name}.env`, target: `/etc/obs/${name}.env`, readOnly: true }],
    },
  };
}

export function acapyService(agent: AgentName, config: Config, venv: string): Service {
  const admin = config.ports[`acapy-${agent}`];
  const inbound = config.ports[`acapy-${agent}-inbound`];
  const argFile = path.join(stackPaths(config.dataDir).config, 'acapy', `${agent}.yml`);
  const walletHome = path.join(stackPaths(config.dataDir).data, 'acapy', agent);
  return {
    name: `acapy-${agent}`,
    kind: 'agent',
    summary: `ACA-Py agent of the ${agent}`,
    url: http(admin),
    ports: [admin, inbound],
    // /status/ready answers without the admin key.
    readiness: { kind: 'http', url: http(admin, '/status/ready'), expectJson: { ready: true } },
    dependsOn: [],
    health: http(admin, '/status/live'),
    local: {
      command: path.join(venv, 'bin', 'aca-py'),
      args: [
        'start',
        '--arg-file',
        argFile,
        '--log-config',
        path.join(path.dirname(argFile), 'logging.yml'),
      ],
      // ACA-Py 0.12 keeps its askar wallet under $ACAPY_HOME (no flag places the sqlite file).
      env: { ACAPY_HOME: walletHome },
      dataDirs: [walletHome],
      install: 'scripts/setup-local.sh (it makes the ACA-Py virtual environment)',
    },
    container: {
      image: images.acapy,
      command: [
        'start',
        '--arg-file',
        `/etc/acapy/${agent}.yml`,
        '--log-config',
        '/etc/acapy/logging.yml',
      ],
      environment: { ACAPY_HOME: '/home/aries/.acapy_agent' },
      volumes: [
        { source: `acapy/${agent}.yml`, target: `/etc/acapy/${agent}.yml`, readOnly: true },
        { source: 'acapy/logging.yml', target: '/etc/acapy/logging.yml', readOnly: true },
        { source: `acapy-${agent}-data`, target: '/home/aries/.acapy_agent', named: true },
      ],
    },
  };
}

export function exporter(
  name: string,
  what: string,
  port: number,
  local: Service['local'],
  container: Service['container'],
): Service {
  return {
    name,
    kind: 'exporter',
    summary: `${name}: ${what}`,
    url: http(port),
    ports: [port],
    readiness: { kind: 'http', url: http(port, '/metrics') },
    dependsOn: [],
    scrape: { job: name, target: `${host}:${port}` },
    local,
    container,
  };
}

// Grafana, Loki and Jaeger ship in no registry this kind of machine reaches: Docker only.
export function unavailableHere(
  name: string,
  summary: string,
  url: string,
  port: number,
  readyPath: string,
  container: Service['container'],
): Service {
  return {
    name,
    kind: 'monitoring',
    summary,
    url,
    ports: [port],
    readiness: { kind: 'http', url: `${url}${readyPath}` },
    dependsOn: [],
    health: `${url}${readyPath}`,
    local: {
      unavailable: `no ${name} binary is installable on this machine; it runs in the docker runtime`,
    },
    container,
  };
}

/**
 * Where PostgreSQL keeps its data. Run as root, obs starts it as the postgres user, who may not
 * pass through the stack's folder (a home such as /root is 0700): then its data lives under
 * /var/lib/obs, in a folder named after the stack and its data folder.
 */
export function postgresDataDir(config: Config): string {
  if (process.getuid?.() !== 0) return path.join(stackPaths(config.dataDir).data, 'postgres');
  const key = createHash('sha256').update(config.dataDir).digest('hex').slice(0, 12);
  return path.join('/var/lib/obs', `${config.stack}-${key}`, 'postgres');
}

// The password is read from a file, so it is in no command line and no compose file.
export function postgresExporterEnv(config: Config, passwordFile: string): Record<string, string> {
  const { user, database } = config.postgres;
  return {
    DATA_SOURCE_URI: `${host}:${config.ports.postgres}/${database}?sslmode=disable`,
    DATA_SOURCE_USER: user,
    DATA_SOURCE_PASS_FILE: passwordFile,
  };
}

export function prometheusArgs(configFile: string, storage: string, config: Config): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${storage}`,
    `--storage.tsdb.retention.time=${config.retention.metricsDays}d`,
    `--web.listen-address=${host}:${config.ports.prometheus}`,
    '--web.enable-lifecycle',
  ];
}

export function alertmanagerArgs(configFile: string, storage: string, port: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.path=${storage}`,
    `--web.listen-address=${host}:${port}`,
    // Without this it binds a cluster port on every interface.
    '--cluster.listen-address=',
  ];
}

export function redisExporterArgs(port: number, redisPort: number): string[] {
  // This exporter takes single-dash flags.
  return [`-web.listen-address=${host}:${port}`, `-redis.addr=redis://${host}:${redisPort}`];
}

export function blackboxArgs(configFile: string, port: number): string[] {
  return [`--config.file=${configFile}`, `--web.listen-address=${host}:${port}`];
}
