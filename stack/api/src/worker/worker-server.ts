import type { Redis } from 'ioredis';
import pg from 'pg';

import { runMigrations } from '../db/migrate.js';
import { waitForDatabase } from '../db/wait-for-database.js';
import { IssuanceQueue } from '../queue.js';
import { openRedis } from '../redis-connection.js';
import type { Settings } from '../settings.js';
import { createAgents } from '../ssi/instrumented-agent.js';
import type { Logger } from '../telemetry/logger.js';
import { createRegistry } from '../telemetry/metrics.js';
import type { Tracing } from '../telemetry/tracing.js';
import { issuePrescription } from './issue-prescription.js';
import { startMetricsServer } from './metrics-server.js';

// Issuances run side by side, each waiting on its own Redis connection for its webhook.
const CONCURRENCY = 4;

// How long one take from the queue blocks, so a stop request is noticed within it.
const TAKE_TIMEOUT_SECONDS = 2;

// How long a stop waits for issuances in flight before it drops their Redis connections.
const STOP_GRACE_MS = 5_000;

// A running worker; stop gives the issuances in flight a moment, then closes everything.
export interface RunningWorker {
  stop(): Promise<void>;
}

// Starts the worker's loops and its /metrics server.
export async function startWorker(
  settings: Settings,
  logger: Logger,
  tracing: Tracing,
): Promise<RunningWorker> {
  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: CONCURRENCY + 2 });
  pool.on('error', (err) => logger.error({ err }, 'idle database connection failed'));
  await waitForDatabase(pool, logger);
  await runMigrations(pool);

  const registry = createRegistry('worker');
  const doctorAgent = createAgents(settings.agents).doctor;
  const connections: Redis[] = [];
  const connect = () => {
    const redis = openRedis(settings.redisUrl, logger, { blocking: true });
    connections.push(redis);
    return redis;
  };

  const server = await startMetricsServer(registry, settings.host, settings.port);
  logger.info(
    { host: settings.host, port: settings.port, concurrency: CONCURRENCY },
    'worker listening',
  );

  // Redis may still be down: the server above already answers, so the worker shows as up.
  const requeued = await new IssuanceQueue(connect()).requeueTaken();
  if (requeued > 0) logger.warning({ jobs: requeued }, 'unfinished issuance jobs requeued');

  let stopping = false;
  const loop = async (worker: number) => {
    const queue = new IssuanceQueue(connect());
    while (!stopping) {
      try {
        const taken = await queue.take(TAKE_TIMEOUT_SECONDS);
        if (!taken) continue;

        await issuePrescription({ pool, doctorAgent, queue, logger }, taken.job);
        await queue.finish(taken.raw);
      } catch (err) {
        if (stopping) break;

        logger.error({ err, worker }, 'issuance job failed');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const loops = Array.from({ length: CONCURRENCY }, (_, worker) => loop(worker));

  return {
    async stop() {
      stopping = true;
      await new Promise((resolve) => server.close(resolve));
      const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.all(loops), grace]);
      for (const redis of connections) redis.disconnect();
      await pool.end();
      await tracing.shutdown();
    },
  };
}
