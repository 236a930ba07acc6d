// Entry point of the prescription worker: settings, then tracing, then what it instruments.
// Instrumented modules (pg, ioredis) are imported only after tracing has started.
import { parseSettings, SettingsError } from './settings.js';
import { createLogger } from './telemetry/logger.js';
import { registerInstrumentationHooks } from './telemetry/register-hooks.js';
import { startTracing } from './telemetry/tracing.js';

registerInstrumentationHooks();

let settings;
try {
  settings = parseSettings(process.env, 'worker');
} catch (err) {
  if (!(err instanceof SettingsError)) throw err;

  createLogger({ service: 'prescription-worker', level: 'info' }).critical(
    { variable: err.variable, reason: err.message },
    'invalid settings',
  );
  process.exit(2);
}

const logger = createLogger({ service: settings.serviceName, level: settings.logLevel });
const tracing = startTracing({ service: settings.serviceName, tracesUrl: settings.tracesUrl });
const { startWorker } = await import('./worker/worker-server.js');

try {
  const worker = await startWorker(settings, logger, tracing);
  const stop = (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    worker.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'worker did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (err) {
  logger.critical({ err }, 'worker failed to start');
  await tracing.shutdown().catch(() => {});
  process.exit(1);
}
