import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { stringify } from 'yaml';

import type { Config } from '../config/config.js';
import type { StackModel } from '../stack/model.js';
import { packageRoot } from '../stack/paths.js';
import type { RenderedFile } from './rendered-file.js';

/** How often Prometheus scrapes and evaluates: short, so a seeded stack shows data quickly. */
export const scrapeIntervalSeconds = 5;

const rulesDir = path.join(packageRoot, 'stack', 'prometheus', 'rules');

/** prometheus.yml (scrape jobs from the model, blackbox probes of every health URL) and rules. */
export function renderPrometheus(model: StackModel, config: Config): RenderedFile[] {
  const scrapeJobs = model.services
    .filter((service) => service.scrape)
    .map((service) => ({
      job_name: service.scrape!.job,
      metrics_path: service.scrape!.path ?? '/metrics',
      static_configs: [{ targets: [service.scrape!.target], labels: { service: service.name } }],
    }));

  const healthTargets = model.services.filter((service) => service.health);
  const blackbox = model.services.find((service) => service.name === 'blackbox');
  const probeJobs =
    blackbox && healthTargets.length > 0
      ? [
          {
            job_name: 'health-probe',
            metrics_path: '/probe',
            params: { module: ['http_2xx'] },
            static_configs: healthTargets.map((service) => ({
              targets: [service.health!],
              labels: { service: service.name },
            })),
            relabel_configs: [
              { source_labels: ['__address__'], target_label: '__param_target' },
              { source_labels: ['__param_target'], target_label: 'target' },
              { target_label: '__address__', replacement: `127.0.0.1:${config.ports.blackbox}` },
            ],
          },
        ]
      : [];

  const alertmanager = model.services.find((service) => service.name === 'alertmanager');
  const prometheusYml = {
    global: {
      scrape_interval: `${scrapeIntervalSeconds}s`,
      evaluation_interval: `${scrapeIntervalSeconds}s`,
      external_labels: { stack: model.name },
    },
    rule_files: ['rules/*.yml'],
    alerting: alertmanager
      ? {
          alertmanagers: [
            { static_configs: [{ targets: [`127.0.0.1:${config.ports.alertmanager}`] }] },
          ],
        }
      : undefined,
    scrape_configs: [...scrapeJobs, ...probeJobs],
  };

  const rules = readdirSync(rulesDir)
    .filter((file) => file.endsWith('.yml'))
    .map((file) => ({
      path: `prometheus/rules/${file}`,
      content: readFileSync(path.join(rulesDir, file), 'utf8'),
    }));

  return [
    { path: 'prometheus/prometheus.yml', content: header(model) + stringify(prometheusYml) },
    ...rules,
  ];
}

/** The first line of every rendered YAML file. */
export function header(model: StackModel): string {
  return `# Rendered by obs for stack ${model.name}; edit obs.yaml, not this file.\n`;
}
