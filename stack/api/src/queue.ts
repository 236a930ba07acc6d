import type { Redis } from 'ioredis';

// The list the API pushes issuance jobs to and the worker takes them from.
const JOBS_KEY = 'obs:issuance:jobs';

// Jobs a worker has taken but not finished; put back on the list when a worker starts.
const TAKEN_KEY = 'obs:issuance:taken';

// How long a completion signal waits for its worker before Redis drops it.
const SIGNAL_TTL_SECONDS = 600;

// One prescription to issue, with the ids that let the worker's logs and spans join the request's.
export interface IssuanceJob {
  prescriptionId: string;
  correlationId: string;
  traceCarrier: Record<string, string>;
  enqueuedAt: string;
}

// How an issuance ended, as the webhook that saw it tells the waiting worker.
export interface IssuanceSignal {
  outcome: 'issued' | 'failed';
  reason: string;
}

// The issuance queue: a Redis list with a taken list, so a crashed worker loses no job.
export class IssuanceQueue {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  // Queues a job for the worker.
  async enqueue(job: IssuanceJob): Promise<void> {
    await this.redis.lpush(JOBS_KEY, JSON.stringify(job));
  }

  // Waits up to timeoutSeconds for a job and moves it to the taken list; undefined on timeout.
  // The redis connection blocks meanwhile, so the worker gives this its own connection.
  async take(timeoutSeconds: number): Promise<{ job: IssuanceJob; raw: string } | undefined> {
    const raw = await this.redis.blmove(JOBS_KEY, TAKEN_KEY, 'RIGHT', 'LEFT', timeoutSeconds);
    if (raw === null) return undefined;

    return { job: JSON.parse(raw) as IssuanceJob, raw };
  }

  // Drops a finished job from the taken list.
  async finish(raw: string): Promise<void> {
    await this.redis.lrem(TAKEN_KEY, 1, raw);
  }

  // Puts jobs a previous worker took but never finished back on the list; returns how many.
  // Only safe with one worker, which is what the stack runs.
  async requeueTaken(): Promise<number> {
    let moved = 0;
    while ((await this.redis.lmove(TAKEN_KEY, JOBS_KEY, 'RIGHT', 'RIGHT')) !== null) moved += 1;
    return moved;
  }

  // Tells the worker waiting on a prescription how its issuance ended.
  async signal(prescriptionId: string, signal: IssuanceSignal): Promise<void> {
    const key = signalKey(prescriptionId);
    await this.redis
      .multi()
      .lpush(key, JSON.stringify(signal))
      .expire(key, SIGNAL_TTL_SECONDS)
      .exec();
  }

  // Waits up to timeoutSeconds for the webhook's signal; undefined on timeout.
  async waitForSignal(
    prescriptionId: string,
    timeoutSeconds: number,
  ): Promise<IssuanceSignal | undefined> {
    const popped = await this.redis.brpop(signalKey(prescriptionId), timeoutSeconds);
    if (popped === null) return undefined;

    return JSON.parse(popped[1]) as IssuanceSignal;
  }
}

function signalKey(prescriptionId: string): string {
  return `obs:issuance:done:${prescriptionId}`;
}
