import { stringify } from 'yaml';

import type { StackModel } from '../stack/model.js';
import { header } from './prometheus.js';

/** The compose variable naming the folder that holds the rendered configuration. */
const configDir = '${OBS_CONFIG_DIR:-./.obs/config}';

/**
 * docker-compose.yml for the whole stack. Every container uses host networking, so the rendered
 * configuration (127.0.0.1 and the same ports) is the one the local runtime uses too.
 */
export function renderCompose(model: StackModel): string {
  const services: Record<string, unknown> = {};
  const volumes: Record<string, Record<string, never>> = {};

  for (const service of model.services) {
    const c = service.container;
    for (const volume of c.volumes ?? []) if (volume.named) volumes[volume.source] = {};
    services[service.name] = {
      image: c.image,
      ...(c.build ? { build: c.build } : {}),
      ...(c.command ? { command: c.command } : {}),
      ...(c.environment ? { environment: c.environment } : {}),
      network_mode: 'host',
      restart: 'unless-stopped',
      ...(c.volumes?.length
        ? {
            volumes: c.volumes.map((volume) => {
              const source =
                volume.named || volume.source.startsWith('/')
                  ? volume.source
                  : `${configDir}/${volume.source}`;
              return `${source}:${volume.target}${volume.readOnly ? ':ro' : ''}`;
            }),
          }
        : {}),
      ...(service.dependsOn.length ? { depends_on: service.dependsOn } : {}),
    };
  }

  return header(model) + stringify({ version: '3.8', services, volumes }, { lineWidth: 0 });
}
