import { stringify } from 'yaml';

import type { Config } from '../config/config.js';
import type { StackModel } from '../stack/model.js';
import { header } from './prometheus.js';
import type { RenderedFile } from './rendered-file.js';

/** The datasource uids every dashboard refers to; fixed so provisioned panels always resolve. */
export const datasourceUids = {
  prometheus: 'obs-prometheus',
  loki: 'obs-loki',
  jaeger: 'obs-jaeger',
};

/** Grafana's datasource provisioning, with fixed uids. */
export function renderGrafana(model: StackModel, config: Config): RenderedFile[] {
  const p = config.ports;
  const datasources = {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: datasourceUids.prometheus,
        type: 'prometheus',
        access: 'proxy',
        url: `http://127.0.0.1:${p.prometheus}`,
        isDefault: true,
      },
      {
        name: 'Loki',
        uid: datasourceUids.loki,
        type: 'loki',
        access: 'proxy',
        url: `http://127.0.0.1:${p.loki}`,
      },
      {
        name: 'Jaeger',
        uid: datasourceUids.jaeger,
        type: 'jaeger',
        access: 'proxy',
        url: `http://127.0.0.1:${p.jaeger}`,
      },
    ],
  };
  return [
    {
      path: 'grafana/provisioning/datasources/obs.yml',
      content: header(model) + stringify(datasources),
    },
  ];
}
