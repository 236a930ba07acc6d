import type { Config } from '../config/config.js';
import { agentNames, type Secrets } from '../stack/secrets.js';
import type { RenderedFile } from './rendered-file.js';

/** The settings of the API and the worker, as env files (mode 0600: they hold the keys). */
export function renderApiEnv(config: Config, secrets: Secrets, tracesUrl?: string): RenderedFile[] {
  const p = config.ports;
  const agents = Object.fromEntries(
    agentNames.map((agent) => [
      agent,
      {
        adminUrl: `http://127.0.0.1:${p[`acapy-${agent}`]}`,
        apiKey: secrets.agents[agent].adminKey,
      },
    ]),
  );
  const pg = config.postgres;
  const shared: Record<string, string> = {
    HOST: '127.0.0.1',
    DATABASE_URL: `postgres://${pg.user}:${secrets.postgresPassword}@127.0.0.1:${p.postgres}/${pg.database}`,
    REDIS_URL: `redis://127.0.0.1:${p.redis}`,
    ACAPY_AGENTS: JSON.stringify(agents),
    WEBHOOK_API_KEY: secrets.webhookKey,
    FAULT_INJECTION: config.faultInjection ? 'enabled' : 'disabled',
    ...(tracesUrl ? { TRACES_URL: tracesUrl } : {}),
  };
  const api = {
    ...shared,
    SERVICE_NAME: 'prescription-api',
    PORT: String(p.api),
    LOG_LEVEL: config.logLevels.api,
  };
  const worker = {
    ...shared,
    SERVICE_NAME: 'prescription-worker',
    PORT: String(p.worker),
    LOG_LEVEL: config.logLevels.worker,
  };
  return [
    { path: 'api/api.env', content: envFile(api), mode: 0o600 },
    { path: 'api/worker.env', content: envFile(worker), mode: 0o600 },
  ];
}

// KEY='value' lines for `node --env-file`; single quotes keep the JSON values intact.
function envFile(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => {
      if (value.includes("'")) throw new Error(`the value of ${key} cannot hold a single quote`);
      return `${key}='${value}'`;
    })
    .join('\n')
    .concat('\n');
}
