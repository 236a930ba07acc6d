import { ROLES, type Role } from './settings.js';

// How long a user counts as active after their last request.
export const ACTIVE_WINDOW_MS = 15 * 60 * 1000;

// The sorted-set commands the window needs; ioredis provides them, tests pass a fake.
export interface SortedSetStore {
  zadd(key: string, score: number, member: string): Promise<unknown>;
  zremrangebyscore(key: string, min: number | string, max: number | string): Promise<unknown>;
  zcount(key: string, min: number | string, max: number | string): Promise<number>;
}

// Users seen per role in a sliding window, kept in Redis so every API replica counts the same.
export class ActiveUsers {
  private readonly store: SortedSetStore;
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(store: SortedSetStore, now: () => number = Date.now, windowMs = ACTIVE_WINDOW_MS) {
    this.store = store;
    this.now = now;
    this.windowMs = windowMs;
  }

  // Marks a user as seen now.
  async touch(role: Role, userId: string): Promise<void> {
    await this.store.zadd(keyOf(role), this.now(), userId);
  }

  // Counts the users of each role seen within the window, dropping those seen before it.
  async count(): Promise<Record<Role, number>> {
    const since = this.now() - this.windowMs;
    const counts = {} as Record<Role, number>;

    for (const role of ROLES) {
      await this.store.zremrangebyscore(keyOf(role), '-inf', `(${since}`);
      counts[role] = await this.store.zcount(keyOf(role), since, '+inf');
    }

    return counts;
  }
}

function keyOf(role: Role): string {
  return `obs:active-users:${role}`;
}
