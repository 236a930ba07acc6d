import { AcapyError } from '../acapy/client.js';

// What replaces a redacted value, so a reader sees that something was there.
export const REDACTED = '[redacted]';

// Fields that may carry personal data, secrets or key material, wherever they appear in a line.
const SENSITIVE_FIELDS = [
  'name',
  'medication',
  'dosage',
  'token',
  'authorization',
  'apiKey',
  'api_key',
  'x-api-key',
  'password',
  'did',
  'verkey',
  'invitation',
  'credential',
  'body',
];

// Pino redact paths: each sensitive field at the top level and one or two levels down.
export const REDACT_PATHS = SENSITIVE_FIELDS.flatMap((field) => {
  const key = /^[a-z_]+$/i.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join('*'), join('*.*')];
});

// A log-safe view of an error: its type and code, never a payload that could hold personal data.
export interface SafeError {
  type: string;
  message?: string;
  code?: string;
  status?: number;
  agent?: string;
  path?: string;
  stack?: string;
  cause?: SafeError;
}

// Serializes an error for a log line; ACA-Py errors lose their response body, which may echo input.
export function serializeError(err: unknown, depth = 0): SafeError {
  if (err instanceof AcapyError) {
    return {
      type: err.name,
      agent: err.agent,
      path: err.path,
      status: err.status,
      message: err.status === 0 ? 'no answer from the agent' : 'agent refused the call',
    };
  }

  if (!(err instanceof Error)) return { type: typeof err };

  const code = (err as { code?: unknown }).code;
  const safe: SafeError = {
    type: err.name,
    message: err.message,
    code: typeof code === 'string' ? code : undefined,
    stack: err.stack,
  };
  if (err.cause !== undefined && depth < 3) safe.cause = serializeError(err.cause, depth + 1);
  return safe;
}
