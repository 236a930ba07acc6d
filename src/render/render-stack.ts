import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Config } from '../config/config.js';
import type { StackModel } from '../stack/model.js';
import type { Secrets } from '../stack/secrets.js';
import { renderAcapy } from './acapy.js';
import { renderAlertmanager } from './alertmanager.js';
import { renderApiEnv } from './api-env.js';
import { renderGrafana } from './grafana.js';
import { renderPrometheus } from './prometheus.js';
import type { RenderedFile } from './rendered-file.js';
import { fillTemplate } from './template.js';

/** Every configuration file of the stack, the same for each runtime. */
export function renderStack(model: StackModel, config: Config, secrets: Secrets): RenderedFile[] {
  const p = config.ports;
  const stack = model.name;
  const has = (name: string) => model.services.some((service) => service.name === name);
  const tracesUrl = has('jaeger') ? `http://127.0.0.1:${p.zipkin}/api/v2/spans` : undefined;
  return [
    ...renderPrometheus(model, config),
    ...renderAlertmanager(model),
    ...renderAcapy(config, secrets),
    ...renderApiEnv(config, secrets, tracesUrl),
    ...renderGrafana(model, config),
    { path: 'blackbox/blackbox.yml', content: fillTemplate('blackbox/blackbox.yml', { stack }) },
    {
      path: 'redis/redis.conf',
      content: fillTemplate('redis/redis.conf', { stack, port: p.redis }),
    },
    {
      path: 'loki/loki.yml',
      content: fillTemplate('loki/loki.yml', {
        stack,
        port: p.loki,
        grpcPort: p['loki-grpc'],
        retentionHours: config.retention.logsDays * 24,
      }),
    },
    {
      path: 'jaeger/jaeger.yml',
      content: fillTemplate('jaeger/jaeger.yml', {
        stack,
        port: p.jaeger,
        otlpPort: p['jaeger-otlp'],
        zipkinPort: p.zipkin,
      }),
    },
    { path: 'postgres/password', content: secrets.postgresPassword, mode: 0o600 },
    { path: 'grafana/admin-password', content: secrets.grafanaAdminPassword, mode: 0o600 },
  ];
}

/** Writes rendered files under a folder, secrets with their owner-only mode. */
export async function writeRendered(dir: string, files: RenderedFile[]): Promise<void> {
  for (const file of files) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, file.content, { mode: file.mode ?? 0o644 });
    await chmod(target, file.mode ?? 0o644);
  }
}
