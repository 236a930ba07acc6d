import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, destination, type DestinationStream, type Logger as PinoLogger } from 'pino';

import type { LogLevel } from '../settings.js';
import { REDACT_PATHS, REDACTED, serializeError } from './redaction.js';

// The logger every module of a service shares; child loggers carry a request's or job's ids.
export type Logger = PinoLogger<'warning' | 'critical'>;

// Pino's numeric levels named as the story names them (fastify's warn and fatal map here too).
const LEVEL_NAMES: Record<number, LogLevel> = {
  10: 'debug',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'critical',
};

// Options for one service's logger; destination is injectable so tests can read the lines.
export interface LoggerOptions {
  service: string;
  level: LogLevel;
  destination?: DestinationStream;
}

// Builds the JSON line logger: time, level, service, message, the active trace id, no secrets.
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      customLevels: { warning: 40, critical: 60 },
      messageKey: 'message',
      errorKey: 'err',
      base: { service: options.service },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (_label, number) => ({ level: LEVEL_NAMES[number] ?? 'info' }) },
      serializers: { err: (err: unknown) => serializeError(err) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin: traceFields,
    },
    options.destination ?? destination(1),
  );
}

function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};

  return { trace_id: context.traceId, span_id: context.spanId };
}
