import { z } from 'zod';

// Which process reads the settings; the worker needs no webhook key.
export type ProcessKind = 'api' | 'worker';

// The roles of the prescription system, each backed by its own ACA-Py agent.
export const ROLES = ['doctor', 'patient', 'pharmacist'] as const;

// One of the three roles.
export type Role = (typeof ROLES)[number];

// The log levels the services accept, lowest first.
export const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'] as const;

// One of the accepted log levels.
export type LogLevel = (typeof LOG_LEVELS)[number];

// Regions a user may be registered in when REGIONS is not set; bounded so labels stay bounded.
export const DEFAULT_REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;

// How to reach one agent's admin API.
export interface AgentSettings {
  adminUrl: string;
  apiKey: string;
}

// Everything a process needs from its environment, validated once at start.
export interface Settings {
  serviceName: string;
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  agents: Record<Role, AgentSettings>;
  webhookApiKey: string;
  logLevel: LogLevel;
  tracesUrl: string | undefined;
  faultInjection: boolean;
  regions: readonly string[];
}

// Thrown when the environment is unusable; the message names the variable and the fix.
export class SettingsError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'SettingsError';
    this.variable = variable;
  }
}

const agentSchema = z.object({
  adminUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1),
});

const agentsSchema = z.object({
  doctor: agentSchema,
  patient: agentSchema,
  pharmacist: agentSchema,
});

const regionSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);

// Variables whose values must never be echoed in an error message.
const SECRET = new Set(['DATABASE_URL', 'REDIS_URL', 'ACAPY_AGENTS', 'WEBHOOK_API_KEY']);

const EXPECTED: Record<string, string> = {
  SERVICE_NAME: 'a lower-case name such as prescription-api',
  HOST: 'an address to listen on, such as 127.0.0.1',
  PORT: 'an integer port between 1 and 65535',
  DATABASE_URL: 'a URL such as postgres://user:pass@127.0.0.1:5432/db',
  REDIS_URL: 'a URL such as redis://127.0.0.1:6379',
  ACAPY_AGENTS:
    'JSON {"doctor": {"adminUrl", "apiKey"}, "patient": {...}, "pharmacist": {...}} with http(s) URLs',
  WEBHOOK_API_KEY:
    'the key ACA-Py sends in x-api-key (--webhook-url url#key), at least 8 characters',
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}`,
  TRACES_URL: 'a Zipkin v2 spans URL such as http://127.0.0.1:9411/api/v2/spans',
  FAULT_INJECTION: 'enabled or disabled',
  REGIONS: 'a comma-separated list of lower-case region names such as north,south',
};

// Reads and validates the process environment; throws SettingsError on the first bad variable.
export function parseSettings(
  env: Record<string, string | undefined>,
  kind: ProcessKind,
): Settings {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const serviceName =
    read('SERVICE_NAME') ?? (kind === 'api' ? 'prescription-api' : 'prescription-worker');

  return {
    serviceName: check('SERVICE_NAME', serviceName, z.string().regex(/^[a-z][a-z0-9-]{0,62}$/)),
    host: check('HOST', read('HOST') ?? '127.0.0.1', z.string().min(1)),
    port: check('PORT', required('PORT', read('PORT')), z.coerce.number().int().min(1).max(65535)),
    databaseUrl: check(
      'DATABASE_URL',
      required('DATABASE_URL', read('DATABASE_URL')),
      z.url({ protocol: /^postgres(ql)?$/ }),
    ),
    redisUrl: check(
      'REDIS_URL',
      required('REDIS_URL', read('REDIS_URL')),
      z.url({ protocol: /^rediss?$/ }),
    ),
    agents: check(
      'ACAPY_AGENTS',
      parseJson(required('ACAPY_AGENTS', read('ACAPY_AGENTS'))),
      agentsSchema,
    ),
    webhookApiKey:
      kind === 'api'
        ? check(
            'WEBHOOK_API_KEY',
            required('WEBHOOK_API_KEY', read('WEBHOOK_API_KEY')),
            z.string().min(8),
          )
        : '',
    logLevel: check('LOG_LEVEL', read('LOG_LEVEL') ?? 'info', z.enum(LOG_LEVELS)),
    tracesUrl: check('TRACES_URL', read('TRACES_URL'), z.url({ protocol: /^https?$/ }).optional()),
    faultInjection:
      check(
        'FAULT_INJECTION',
        read('FAULT_INJECTION') ?? 'disabled',
        z.enum(['enabled', 'disabled']),
      ) === 'enabled',
    regions: check(
      'REGIONS',
      (read('REGIONS') ?? DEFAULT_REGIONS.join(',')).split(',').map((region) => region.trim()),
      z.array(regionSchema).min(1),
    ),
  };
}

function required(name: string, value: string | undefined): string {
  if (value === undefined) {
    throw new SettingsError(name, `${name} is not set; set it to ${EXPECTED[name]}`);
  }

  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function check<T>(name: string, value: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const where = [name, ...(issue?.path ?? []).map(String)].join('.');
  const shown = SECRET.has(name) ? '' : ` ${JSON.stringify(value)}`;
  throw new SettingsError(
    name,
    `${where}${shown} is invalid (${issue?.message ?? 'bad value'}); set ${name} to ${EXPECTED[name]}`,
  );
}
