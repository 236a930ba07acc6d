import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { checks } from './checks/index.js';
import { loadCriteria, type Criterion } from './criteria.js';
import type { StackEndpoints } from './endpoints.js';
import { runChecks } from './runner.js';

const criterion = (id: string, needs: string[] = []): Criterion => ({
  id,
  area: 'test',
  needs,
  passes_when: '',
});

const endpoints = (
  present: Record<string, string>,
  absent: Record<string, string> = {},
): StackEndpoints => ({
  present: new Map(Object.entries(present)),
  absent: new Map(Object.entries(absent)),
  agents: {},
  scrapeJobs: ['prescription-api'],
  healthProbed: [],
  logFiles: {},
});

const fast = { timeoutMs: 600, intervalMs: 100, concurrency: 4 };

// The mission's criteria.md sits beside the checkout in this workplace (and in CI).
const criteriaMarkdown = new URL('../../../shared/mission/criteria.md', import.meta.url);

describe('the criteria data', () => {
  it('gives each criterion a unique id, an area, a text and the services it needs', () => {
    const criteria = loadCriteria();
    expect(new Set(criteria.map((c) => c.id)).size).toBe(criteria.length);
    expect(criteria.length).toBe(57);
    for (const c of criteria) {
      expect(c.passes_when.length).toBeGreaterThan(10);
      expect(c.needs.length).toBeGreaterThan(0);
    }
  });

  it.runIf(existsSync(criteriaMarkdown))(
    'holds every id of criteria.md exactly once, in its order',
    () => {
      const markdown = readFileSync(criteriaMarkdown, 'utf8');
      const ids = [...markdown.matchAll(/^\| ([a-z_]+\.[a-z_.]+) \|/gm)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(50);
      expect(loadCriteria().map((c) => c.id)).toEqual(ids);
    },
  );

  it('has a check for every metrics criterion', () => {
    const metrics = loadCriteria().filter((c) => c.id.startsWith('metrics.'));
    expect(metrics.filter((c) => !checks[c.id]).map((c) => c.id)).toEqual([]);
  });
});

describe('runChecks', () => {
  it('skips a criterion whose service is not part of the stack, naming it and why', async () => {
    const [verdict] = await runChecks(
      [criterion('metrics.red', ['grafana'])],
      endpoints({}, { grafana: 'docker only' }),
      fast,
    );
    expect(verdict).toMatchObject({ status: 'skip', detail: 'needs grafana (docker only)' });
  });

  it('gives a criterion that asks for it longer than the run default to retry', async () => {
    const slow = { ...criterion('metrics.endpoint', ['prometheus']), timeout_seconds: 2 };
    const started = Date.now();
    const [verdict] = await runChecks(
      [slow],
      endpoints({ prometheus: 'http://127.0.0.1:9' }),
      fast,
    );
    expect(verdict.status).toBe('fail');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1800);
  });

  it('fails a criterion that has no check yet, saying so', async () => {
    const [verdict] = await runChecks([criterion('nothing.here')], endpoints({}), fast);
    expect(verdict).toMatchObject({ status: 'fail', detail: 'no check yet' });
  });
});
