import { createHash } from 'node:crypto';
import path from 'node:path';

import type { Config } from '../config/config.js';
import { images } from './images.js';
import { inputFileArg, type Service, type StackModel } from './model.js';
import { packageRoot, stackPaths } from './paths.js';
import { agentNames, type AgentName, type Secrets } from './secrets.js';

const host = '127.0.0.1';

const apiEntry = (file: string) => path.join(packageRoot, 'dist', 'stack', 'api', 'src', file);

const http = (port: number, route = '') => `http://${host}:${port}${route}`;

const missingApt = (pkg: string) => `apt-get install -y ${pkg} (or run scripts/setup-local.sh)`;

/** The stack's services for one configuration: the single source every target renders from. */
export function buildStack(config: Config, secrets: Secrets, venv: string): StackModel {
  const p = config.ports;
  const paths = stackPaths(config.dataDir);
  const conf = (...parts: string[]) => path.join(paths.config, ...parts);
  const data = (...parts: string[]) => path.join(paths.data, ...parts);
  const pgData = (...parts: string[]) => path.join(postgresDataDir(config), ...parts);
  const pg = config.postgres;

  const services: Service[] = [
    {
      name: 'postgres',
      kind: 'store',
      summary: 'PostgreSQL: prescriptions and every stage timestamp',
      url: `postgresql://${host}:${p.postgres}/${pg.database}`,
      ports: [p.postgres],
      readiness: { kind: 'tcp', host, port: p.postgres },
      dependsOn: [],
      local: {
        command: '/usr/lib/postgresql/15/bin/postgres',
        args: ['-D', pgData(), '-h', host, '-p', String(p.postgres), '-k', pgData()],
        runAs: 'postgres',
        dataDirs: [pgData()],
        install: missingApt('postgresql'),
        prepare: [
          {
            command: '/usr/lib/postgresql/15/bin/initdb',
            args: [
              '-D',
              pgData(),
              '-U',
              pg.user,
              '--auth=scram-sha-256',
              `--pwfile=${inputFileArg}`,
            ],
            creates: pgData('PG_VERSION'),
            input: secrets.postgresPassword,
          },
          {
            command: '/usr/lib/postgresql/15/bin/postgres',
            args: ['--single', '-D', pgData(), 'postgres'],
            creates: pgData('.obs-database-created'),
            input: `CREATE DATABASE ${pg.database};\n`,
          },
        ],
      },
      container: {
        image: images.postgres,
        command: ['postgres', '-h', host, '-p', String(p.postgres)],
        environment: {
          POSTGRES_USER: pg.user,
          POSTGRES_DB: pg.database,
          POSTGRES_PASSWORD_FILE: '/run/obs/postgres-password',
        },
        volumes: [
          { source: 'postgres/password', target: '/run/obs/postgres-password', readOnly: true },
          { source: 'postgres-data', target: '/var/lib/postgresql/data', named: true },
        ],
      },
    },
    {
      name: 'redis',
      kind: 'store',
      summary: 'Redis: the issuance queue and activity windows',
      url: `redis://${host}:${p.redis}`,
      ports: [p.redis],
      readiness: { kind: 'tcp', host, port: p.redis, send: 'PING\r\n', expect: '+PONG' },
      dependsOn: [],
      local: {
        command: 'redis-server',
        args: [conf('redis', 'redis.conf'), '--dir', data('redis')],
        dataDirs: [data('redis')],
        install: missingApt('redis-server'),
      },
      container: {
        image: images.redis,
        command: ['redis-server', '/etc/obs/redis.conf', '--dir', '/data'],
        volumes: [
          { source: 'redis/redis.conf', target: '/etc/obs/redis.conf', readOnly: true },
          { source: 'redis-data', target: '/data', named: true },
        ],
      },
    },
    ...agentNames.map((agent) => acapyService(agent, config, venv)),
    {
      name: 'api',
      kind: 'app',
      summary: 'The prescription API',
      url: http(p.api),
      ports: [p.api],
      readiness: { kind: 'http', url: http(p.api, '/ready') },
      dependsOn: ['postgres', 'redis', ...agentNames.map((a) => `acapy-${a}`)],
      scrape: { job: 'prescription-api', target: `${host}:${p.api}` },
      health: http(p.api, '/health'),
      local: {
        command: process.execPath,
        args: [`--env-file=${conf('api', 'api.env')}`, apiEntry('main.js')],
        install: 'npm run build (the API is compiled from stack/api)',
      },
      container: {
        image: images.api,
        build: { context: '.', dockerfile: 'stack/api/Dockerfile' },
        command: ['node', '--env-file=/etc/obs/api.env', 'dist/stack/api/src/main.js'],
        volumes: [{ source: 'api/api.env', target: '/etc/obs/api.env', readOnly: true }],
      },
    },
    {
      name: 'worker',
      kind: 'app',
      summary: 'The prescription worker: issues credentials from the queue',
      url: http(p.worker),
      ports: [p.worker],
      readiness: { kind: 'http', url: http(p.worker, '/health') },
      dependsOn: ['postgres', 'redis', ...agentNames.map((a) => `acapy-${a}`)],
      scrape: { job: 'prescription-worker', target: `${host}:${p.worker}` },
      health: http(p.worker, '/health'),
      local: {
        command: process.execPath,
        args: [`--env-file=${conf('api', 'worker.env')}`, apiEntry('worker.js')],
        install: 'npm run build (the worker is compiled from stack/api)',
      },
      container: {
        image: images.api,
        command: ['node', '--env-file=/etc/obs/worker.env', 'dist/stack/api/src/worker.js'],
        volumes: [{ source: 'api/worker.env', target: '/etc/obs/worker.env', readOnly: true }],
      },
    },
    {
      name: 'prometheus',
      kind: 'monitoring',
      summary: 'Prometheus: metrics and alert rules',
      url: http(p.prometheus),
      ports: [p.prometheus],
      readiness: { kind: 'http', url: http(p.prometheus, '/-/ready') },
      dependsOn: [],
      scrape: { job: 'prometheus', target: `${host}:${p.prometheus}` },
      health: http(p.prometheus, '/-/healthy'),
      local: {
        command: 'prometheus',
        args: prometheusArgs(conf('prometheus', 'prometheus.yml'), data('prometheus'), config),
        dataDirs: [data('prometheus')],
        install: missingApt('prometheus'),
      },
      container: {
        image: images.prometheus,
        command: prometheusArgs('/etc/prometheus/prometheus.yml', '/prometheus', config),
        volumes: [
          { source: 'prometheus', target: '/etc/prometheus', readOnly: true },
          { source: 'prometheus-data', target: '/prometheus', named: true },
        ],
      },
    },
    {
      name: 'alertmanager',
      kind: 'monitoring',
      summary: 'Alertmanager: routes alerts to their receivers',
      url: http(p.alertmanager),
      ports: [p.alertmanager],
      readiness: { kind: 'http', url: http(p.alertmanager, '/-/ready') },
      dependsOn: [],
      scrape: { job: 'alertmanager', target: `${host}:${p.alertmanager}` },
      health: http(p.alertmanager, '/-/healthy'),
      local: {
        command: 'prometheus-alertmanager',
        args: alertmanagerArgs(
          conf('alertmanager', 'alertmanager.yml'),
          data('alertmanager'),
          p.alertmanager,
        ),
        dataDirs: [data('alertmanager')],
        install: missingApt('prometheus-alertmanager'),
      },
      container: {
        image: images.alertmanager,
        command: alertmanagerArgs(
          '/etc/alertmanager/alertmanager.yml',
          '/alertmanager',
          p.alertmanager,
        ),
        volumes: [
          { source: 'alertmanager', target: '/etc/alertmanager', readOnly: true },
          { source: 'alertmanager-data', target: '/alertmanager', named: true },
        ],
      },
    },
    exporter(
      'node-exporter',
      'host CPU, memory and disk',
      p['node-exporter'],
      {
        command: 'prometheus-node-exporter',
        args: [`--web.listen-address=${host}:${p['node-exporter']}`],
        install: missingApt('prometheus-node-exporter'),
      },
      {
        image: images.nodeExporter,
        command: [`--web.listen-address=${host}:${p['node-exporter']}`, '--path.rootfs=/host'],
        volumes: [{ source: '/', target: '/host', readOnly: true }],
      },
    ),
    {
      ...exporter(
        'postgres-exporter',
        'PostgreSQL connections and health',
        p['postgres-exporter'],
        {
          command: 'prometheus-postgres-exporter',
          args: [`--web.listen-address=${host}:${p['postgres-exporter']}`],
          env: postgresExporterEnv(config, conf('postgres', 'password')),
          install: missingApt('prometheus-postgres-exporter'),
        },
        {
          image: images.postgresExporter,
          command: [`--web.listen-address=${host}:${p['postgres-exporter']}`],
          environment: postgresExporterEnv(config, '/run/obs/postgres-password'),
          volumes: [
            { source: 'postgres/password', target: '/run/obs/postgres-password', readOnly: true },
          ],
        },
      ),
      dependsOn: ['postgres'],
    },
    {
      ...exporter(
        'redis-exporter',
        'Redis health',
        p['redis-exporter'],
        {
          command: 'prometheus-redis-exporter',
          args: redisExporterArgs(p['redis-exporter'], p.redis),
          install: missingApt('prometheus-redis-exporter'),
        },
        { image: images.redisExporter, command: redisExporterArgs(p['redis-exporter'], p.redis) },
      ),
      dependsOn: ['redis'],
    },
    exporter(
      'blackbox',
      'probes every health endpoint from outside',
      p.blackbox,
      {
        command: 'prometheus-blackbox-exporter',
        args: blackboxArgs(conf('blackbox', 'blackbox.yml'), p.blackbox),
        install: missingApt('prometheus-blackbox-exporter'),
      },
      {
        image: images.blackbox,
        command: blackboxArgs('/etc/blackbox/blackbox.yml', p.blackbox),
        volumes: [{ source: 'blackbox', target: '/etc/blackbox', readOnly: true }],
      },
    ),
    unavailableHere('grafana', 'Grafana: dashboards', http(p.grafana), p.grafana, '/api/health', {
      image: images.grafana,
      environment: {
        GF_SERVER_HTTP_ADDR: host,
        GF_SERVER_HTTP_PORT: String(p.grafana),
        GF_SECURITY_ADMIN_PASSWORD__FILE: '/run/obs/grafana-admin-password',
      },
      volumes: [
        {
          source: 'grafana/admin-password',
          target: '/run/obs/grafana-admin-password',
          readOnly: true,
        },
        { source: 'grafana/provisioning', target: '/etc/grafana/provisioning', readOnly: true },
        { source: 'grafana-data', target: '/var/lib/grafana', named: true },
      ],
    }),
    unavailableHere('loki', 'Loki: log aggregation', http(p.loki), p.loki, '/ready', {
      image: images.loki,
      command: ['-config.file=/etc/loki/loki.yml'],
      volumes: [
        { source: 'loki', target: '/etc/loki', readOnly: true },
        { source: 'loki-data', target: '/loki', named: true },
      ],
    }),
    unavailableHere('jaeger', 'Jaeger: traces', http(p.jaeger), p.jaeger, '/', {
      image: images.jaeger,
      command: ['--config=/etc/jaeger/jaeger.yml'],
      volumes: [{ source: 'jaeger', target: '/etc/jaeger', readOnly: true }],
    }),
  ];

  return {
    name: config.stack,
    services: services.filter((service) => !config.disabled.includes(service.name)),
  };
}

function acapyService(agent: AgentName, config: Config, venv: string): Service {
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

function exporter(
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
function unavailableHere(
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
function postgresExporterEnv(config: Config, passwordFile: string): Record<string, string> {
  const { user, database } = config.postgres;
  return {
    DATA_SOURCE_URI: `${host}:${config.ports.postgres}/${database}?sslmode=disable`,
    DATA_SOURCE_USER: user,
    DATA_SOURCE_PASS_FILE: passwordFile,
  };
}

function prometheusArgs(configFile: string, storage: string, config: Config): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${storage}`,
    `--storage.tsdb.retention.time=${config.retention.metricsDays}d`,
    `--web.listen-address=${host}:${config.ports.prometheus}`,
    '--web.enable-lifecycle',
  ];
}

function alertmanagerArgs(configFile: string, storage: string, port: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.path=${storage}`,
    `--web.listen-address=${host}:${port}`,
    // Without this it binds a cluster port on every interface.
    '--cluster.listen-address=',
  ];
}

function redisExporterArgs(port: number, redisPort: number): string[] {
  // This exporter takes single-dash flags.
  return [`-web.listen-address=${host}:${port}`, `-redis.addr=redis://${host}:${redisPort}`];
}

function blackboxArgs(configFile: string, port: number): string[] {
  return [`--config.file=${configFile}`, `--web.listen-address=${host}:${port}`];
}
