import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { CheckContext } from '../verdict.js';
import { logsChecks } from './logs.js';

// The log checks on real files written here: they pass on the shape the story asks for and fail,
// naming the file and line, on each way of getting it wrong.

let dir: string;

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    time: '2026-12-04T10:00:00.000Z',
    level: 'info',
    service: 'prescription-api',
    message: 'm',
    ...fields,
  });

async function contextWith(
  lines: string[],
  level: 'debug' | 'info' = 'info',
): Promise<CheckContext> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.log`);
  await writeFile(file, lines.join('\n') + '\n');
  return {
    endpoints: {
      present: new Map(),
      absent: new Map(),
      agents: {},
      scrapeJobs: [],
      logFiles: { api: { file, level } },
    },
    note: () => {},
  } as unknown as CheckContext;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obs-logs-'));
});

describe('logs.json', () => {
  it('passes when every line is a JSON object with time, level, service and message', async () => {
    const outcome = await logsChecks['logs.json'](
      await contextWith([line({}), line({ level: 'error' })]),
    );
    expect(outcome).toEqual({ ok: true, detail: expect.stringContaining('api 2 lines') });
  });

  it('fails on a line that is not JSON, naming it', async () => {
    const ctx = await contextWith([line({}), 'Server listening at http://127.0.0.1:8080']);
    expect((await logsChecks['logs.json'](ctx)).detail).toMatch(/\.log:2 is not one JSON object$/);
  });

  it('fails on a line without a service', async () => {
    const ctx = await contextWith([line({ service: undefined })]);
    expect((await logsChecks['logs.json'](ctx)).detail).toMatch(/\.log:1 lacks service$/);
  });
});

describe('logs.levels', () => {
  it('fails on a level outside the five', async () => {
    const ctx = await contextWith([line({}), line({ level: 'warn' })]);
    expect((await logsChecks['logs.levels'](ctx)).detail).toMatch(
      /\.log:2 has level warn, not one of debug, info/,
    );
  });

  it('fails on a line below the level the service was given', async () => {
    const ctx = await contextWith([line({ level: 'debug' })], 'info');
    expect((await logsChecks['logs.levels'](ctx)).detail).toMatch(
      /is debug, below api's level info$/,
    );
  });

  it('passes on the five levels at or above the service level', async () => {
    const levels = ['debug', 'info', 'warning', 'error', 'critical'].map((level) =>
      line({ level }),
    );
    const outcome = await logsChecks['logs.levels'](await contextWith(levels, 'debug'));
    expect(outcome.ok).toBe(true);
  });
});
