import { describe, expect, it } from 'vitest';

import { ACTIVE_WINDOW_MS, ActiveUsers, type SortedSetStore } from './active-users.js';

// An in-memory stand-in for the Redis sorted-set commands, with Redis' bound syntax.
class MemorySortedSets implements SortedSetStore {
  readonly sets = new Map<string, Map<string, number>>();

  async zadd(key: string, score: number, member: string): Promise<number> {
    const set = this.sets.get(key) ?? new Map<string, number>();
    set.set(member, score);
    this.sets.set(key, set);
    return 1;
  }

  async zremrangebyscore(key: string, min: number | string, max: number | string): Promise<number> {
    const set = this.sets.get(key) ?? new Map();
    let removed = 0;
    for (const [member, score] of set) {
      if (inRange(score, min, max)) {
        set.delete(member);
        removed += 1;
      }
    }

    return removed;
  }

  async zcount(key: string, min: number | string, max: number | string): Promise<number> {
    return [...(this.sets.get(key)?.values() ?? [])].filter((score) => inRange(score, min, max))
      .length;
  }
}

function inRange(score: number, min: number | string, max: number | string): boolean {
  return above(score, min) && below(score, max);
}

function above(score: number, bound: number | string): boolean {
  if (bound === '-inf') return true;
  if (typeof bound === 'string' && bound.startsWith('(')) return score > Number(bound.slice(1));
  return score >= Number(bound);
}

function below(score: number, bound: number | string): boolean {
  if (bound === '+inf') return true;
  if (typeof bound === 'string' && bound.startsWith('(')) return score < Number(bound.slice(1));
  return score <= Number(bound);
}

describe('ActiveUsers', () => {
  it('counts each user once per role, however often they are seen', async () => {
    let now = 1_000_000;
    const users = new ActiveUsers(new MemorySortedSets(), () => now);
    await users.touch('doctor', 'd1');
    now += 1000;
    await users.touch('doctor', 'd1');
    await users.touch('patient', 'p1');
    await users.touch('patient', 'p2');

    expect(await users.count()).toEqual({ doctor: 1, patient: 2, pharmacist: 0 });
  });

  it('drops users not seen within the last 15 minutes', async () => {
    let now = 1_000_000;
    const store = new MemorySortedSets();
    const users = new ActiveUsers(store, () => now);
    await users.touch('pharmacist', 'old');
    now += ACTIVE_WINDOW_MS / 2;
    await users.touch('pharmacist', 'recent');

    now += ACTIVE_WINDOW_MS / 2;
    expect((await users.count()).pharmacist).toBe(2);

    now += 1;
    expect((await users.count()).pharmacist).toBe(1);
    expect(store.sets.get('obs:active-users:pharmacist')?.has('old')).toBe(false);
  });

  it('counts a user again when they come back', async () => {
    let now = 0;
    const users = new ActiveUsers(new MemorySortedSets(), () => now, 1000);
    await users.touch('patient', 'p1');
    now = 5000;
    expect((await users.count()).patient).toBe(0);

    await users.touch('patient', 'p1');
    expect((await users.count()).patient).toBe(1);
  });
});
