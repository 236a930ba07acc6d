import type { Pool } from 'pg';

import type { Logger } from '../telemetry/logger.js';

/**
 * Waits until PostgreSQL answers, so a process may start before its database and load its code
 * meanwhile. Gives up after `timeoutMs` with the last connection error as the cause.
 */
export async function waitForDatabase(
  pool: Pool,
  logger: Logger,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let logged = false;
  for (;;) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not answer within ${timeoutMs / 1000} s`, { cause: err });
      }
      if (!logged) logger.info({ reason: (err as Error).message }, 'waiting for the database');
      logged = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
