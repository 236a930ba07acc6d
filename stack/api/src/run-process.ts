// How both processes start: settings, then tracing, then the modules tracing instruments, which
// must be imported only after it has started; and how they stop on a signal.
import { parseSettings, SettingsError, type ProcessKind, type Settings } from './settings.js';
import { createLogger, type Logger } from './telemetry/logger.js';
import { registerInstrumentationHooks } from './telemetry/register-hooks.js';
import { startTracing, type Tracing } from './telemetry/tracing.js';

/** Starts a process's servers; what it returns stops them. */
export type Start = (
  settings: Settings,
  logger: Logger,
  tracing: Tracing,
) => Promise<{ stop(): Promise<void> }>;

/** Runs the api or the worker; `load` imports its instrumented code once tracing is on. */
export async function runProcess(kind: ProcessKind, load: () => Promise<Start>): Promise<void> {
  registerInstrumentationHooks();

  let settings: Settings;
  try {
    settings = parseSettings(process.env, kind);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    createLogger({ service: `prescription-${kind}`, level: 'info' }).critical(
      { variable: err.variable, reason: err.message },
      'invalid settings',
    );
    process.exit(2);
  }

  const logger = createLogger({ service: settings.serviceName, level: settings.logLevel });
  const tracing = startTracing({ service: settings.serviceName, tracesUrl: settings.tracesUrl });
  const start = await load();

  try {
    const running = await start(settings, logger, tracing);
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      running.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'did not stop cleanly');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  } catch (err) {
    logger.critical({ err }, 'failed to start');
    await tracing.shutdown().catch(() => {});
    process.exit(1);
  }
}
