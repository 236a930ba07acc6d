import { Redis } from 'ioredis';

import type { Logger } from './telemetry/logger.js';

// Options of one Redis connection; blocking ones (the worker's queue) must not time out.
export interface RedisConnectionOptions {
  blocking: boolean;
}

// Opens a Redis connection that logs losing and regaining Redis once each, not every retry.
// Non-blocking connections give up on a command after a second, so a request fails fast.
export function openRedis(url: string, logger: Logger, options: RedisConnectionOptions): Redis {
  const redis = new Redis(
    url,
    options.blocking
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, commandTimeout: 1_000 },
  );

  let lost = false;
  redis.on('error', (err: unknown) => {
    if (lost) return;

    lost = true;
    logger.warning({ err }, 'redis connection lost');
  });
  redis.on('ready', () => {
    if (!lost) return;

    lost = false;
    logger.info({}, 'redis connection restored');
  });
  return redis;
}
