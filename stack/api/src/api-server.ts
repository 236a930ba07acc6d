import pg from 'pg';

import { ActiveUsers } from './active-users.js';
import { runMigrations } from './db/migrate.js';
import { waitForDatabase } from './db/wait-for-database.js';
import { expireStaleVerifications } from './flow/verification-events.js';
import type { ApiContext } from './http/api-context.js';
import { buildApp } from './http/build-app.js';
import { IssuanceQueue } from './queue.js';
import { openRedis } from './redis-connection.js';
import type { Settings } from './settings.js';
import { AGENT_POLL_INTERVAL_MS, AgentMonitor } from './ssi/agent-monitor.js';
import { createAgents } from './ssi/instrumented-agent.js';
import type { Logger } from './telemetry/logger.js';
import { createRegistry, setActiveUsersSource, setPoolSource } from './telemetry/metrics.js';
import type { Tracing } from './telemetry/tracing.js';

// A running API; stop closes the server first, then its connections and the tracer.
export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

// Connects to PostgreSQL and Redis, migrates, starts polling the agents and listens.
export async function startApi(
  settings: Settings,
  logger: Logger,
  tracing: Tracing,
): Promise<RunningApi> {
  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 10 });
  pool.on('error', (err) => logger.error({ err }, 'idle database connection failed'));
  const redis = openRedis(settings.redisUrl, logger, { blocking: false });

  await waitForDatabase(pool, logger);
  const applied = await runMigrations(pool);
  logger.info({ applied }, 'database migrated');

  const registry = createRegistry('api', settings.regions);
  const activeUsers = new ActiveUsers(redis);
  setActiveUsersSource(() => activeUsers.count());
  setPoolSource(() => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));

  const agents = createAgents(settings.agents);
  const monitor = new AgentMonitor(agents, logger);
  const ctx: ApiContext = {
    settings,
    logger,
    pool,
    redis,
    queue: new IssuanceQueue(redis),
    activeUsers,
    agents,
    monitor,
    registry,
  };

  await monitor.start();
  const sweeper = setInterval(() => {
    expireStaleVerifications(ctx).catch((err: unknown) =>
      logger.error({ err }, 'stale verifications not expired'),
    );
  }, AGENT_POLL_INTERVAL_MS);
  sweeper.unref();

  const app = buildApp(ctx);
  const url = await app.listen({
    host: settings.host,
    port: settings.port,
    listenTextResolver: () => 'server listening',
  });
  logger.info({ host: settings.host, port: settings.port }, 'api listening');

  return {
    url,
    async stop() {
      clearInterval(sweeper);
      monitor.stop();
      await app.close();
      await pool.end();
      redis.disconnect();
      await tracing.shutdown();
    },
  };
}
