import type { Pool, PoolClient } from 'pg';

/** What a store function needs: the pool, or one client inside a transaction. */
export type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Runs `work` in one transaction: all of its writes become visible together, or none do. */
export async function withTransaction<T>(
  pool: Pool,
  work: (db: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
