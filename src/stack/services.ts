import path from 'node:path';

import type { Config } from '../config/config.js';
import { images } from './images.js';
import { inputFileArg, type Service, type StackModel } from './model.js';
import { stackPaths } from './paths.js';
import { agentNames, type Secrets } from './secrets.js';
import {
  acapyService,
  alertmanagerArgs,
  appService,
  blackboxArgs,
  exporter,
  host,
  http,
  missingApt,
  postgresDataDir,
  postgresExporterEnv,
  prometheusArgs,
  redisExporterArgs,
  unavailableHere,
} from './service-builders.js';

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
    appService({
      name: 'api',
      summary: 'The prescription API',
      port: p.api,
      readyPath: '/ready',
      job: 'prescription-api',
      entry: 'main.js',
      config,
      build: true,
    }),
    appService({
      name: 'worker',
      summary: 'The prescription worker: issues credentials from the queue',
      port: p.worker,
      readyPath: '/health',
      job: 'prescription-worker',
      entry: 'worker.js',
      config,
    }),
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
