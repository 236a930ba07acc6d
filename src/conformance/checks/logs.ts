import { randomUUID } from 'node:crypto';

import { logLevels } from '../../config/defaults.js';
import { fail, pass, type Check } from '../verdict.js';
import { parseLine, readLogLines } from './log-lines.js';

const required = ['time', 'level', 'service', 'message'] as const;

/** The checks of the logs.* criteria that the services' own log files can prove, by id. */
export const logsChecks: Record<string, Check> = {
  'logs.json': async (ctx) => {
    const counts: string[] = [];
    for (const [service, { file }] of Object.entries(ctx.endpoints.logFiles)) {
      const lines = await readLogLines(file);
      ctx.note(`read ${file}`, `${lines.length} lines`);
      for (const line of lines) {
        const entry = parseLine(line);
        if (!entry) return fail(`${file}:${line.number} is not one JSON object`);
        const missing = required.filter((key) => typeof entry[key] !== 'string');
        if (missing.length) return fail(`${file}:${line.number} lacks ${missing.join(', ')}`);
        if (Number.isNaN(Date.parse(entry.time as string))) {
          return fail(`${file}:${line.number} has a time that is not a date: ${entry.time}`);
        }
      }
      if (lines.length === 0) return fail(`${file} has no lines yet`);
      counts.push(`${service} ${lines.length}`);
    }
    return pass(
      `every line is a JSON object with ${required.join(', ')}: ${counts.join(', ')} lines`,
    );
  },

  'logs.levels': async (ctx) => {
    const seen = new Map<string, number>();
    for (const [service, { file, level }] of Object.entries(ctx.endpoints.logFiles)) {
      const floor = logLevels.indexOf(level);
      const lines = await readLogLines(file);
      ctx.note(`levels of the ${lines.length} lines of ${file}`, `${service} is set to ${level}`);
      for (const line of lines) {
        const entry = parseLine(line);
        const lineLevel = String(entry?.level);
        const rank = logLevels.indexOf(lineLevel as (typeof logLevels)[number]);
        if (rank < 0)
          return fail(
            `${file}:${line.number} has level ${lineLevel}, not one of ${logLevels.join(', ')}`,
          );
        if (rank < floor)
          return fail(`${file}:${line.number} is ${lineLevel}, below ${service}'s level ${level}`);
        seen.set(lineLevel, (seen.get(lineLevel) ?? 0) + 1);
      }
    }
    const levels = Object.entries(ctx.endpoints.logFiles).map(
      ([s, { level }]) => `${s} at ${level}`,
    );
    const counts = [...seen].map(([level, n]) => `${level} ${n}`).join(', ');
    return pass(
      `levels seen: ${counts}; none below each service's own level (${levels.join(', ')})`,
    );
  },

  'logs.correlation': async (ctx) => {
    // A request of our own: its id must come back in the header and stand on its log line.
    const api = ctx.endpoints.present.get('api')!;
    const sent = `obs-check-${randomUUID()}`;
    const response = await fetch(`${api}/prescriptions/${randomUUID()}`, {
      headers: { 'x-correlation-id': sent },
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    const echoed = response.headers.get('x-correlation-id');
    ctx.note(
      `GET /prescriptions/:id with x-correlation-id ${sent}`,
      `${response.status}, header ${echoed}`,
    );
    if (echoed !== sent) return fail(`the API answered x-correlation-id ${echoed} for ${sent}`);

    const byService = new Map<string, Map<string, Array<Record<string, unknown>>>>();
    for (const [service, { file }] of Object.entries(ctx.endpoints.logFiles)) {
      const ids = new Map<string, Array<Record<string, unknown>>>();
      for (const line of await readLogLines(file)) {
        const entry = parseLine(line);
        const id = entry?.correlation_id;
        if (typeof id === 'string') ids.set(id, [...(ids.get(id) ?? []), entry!]);
      }
      byService.set(service, ids);
    }
    if (!byService.get('api')?.has(sent))
      return fail(`no line of the API's log carries ${sent} yet`);

    // A seeded prescription: the lines it caused in the API and the worker share its id.
    const apiIds = byService.get('api')!;
    const workerIds = byService.get('worker') ?? new Map();
    const shared = [...apiIds.keys()].filter((id) => workerIds.has(id));
    ctx.note('correlation ids on lines of both the API and the worker', `${shared.length}`);
    if (shared.length === 0)
      return fail('no correlation id stands on lines of both the API and the worker');
    const lines = shared.flatMap((id) => [...apiIds.get(id)!, ...workerIds.get(id)!]);
    const untraced = lines.filter((entry) => typeof entry.trace_id !== 'string').length;
    if (untraced > 0)
      return fail(`${untraced} of ${lines.length} correlated lines carry no trace_id`);
    return pass(
      `x-correlation-id is returned as sent; ${shared.length} requests in these log files have lines ` +
        `in both the API and the worker, all ${lines.length} of them with a trace_id`,
    );
  },
};
