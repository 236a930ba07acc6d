import type { Sample } from '../../clients/prometheus.js';
import type { CheckContext } from '../verdict.js';

/** Runs an instant query and records it as evidence. */
export async function query(ctx: CheckContext, expr: string): Promise<Sample[]> {
  const samples = await ctx.prometheus.query(expr);
  ctx.note(expr, summarize(samples));
  return samples;
}

/** The label values of a query's answer, for the label given. */
export function labelValues(samples: Sample[], label: string): string[] {
  return [
    ...new Set(samples.map((s) => s.metric[label]).filter((v): v is string => v !== undefined)),
  ].sort();
}

/** The values of `wanted` that no sample has a positive value for. */
export function missingPositive(
  samples: Sample[],
  label: string,
  wanted: readonly string[],
): string[] {
  return wanted.filter((value) => !samples.some((s) => s.metric[label] === value && s.value > 0));
}

function summarize(samples: Sample[]): string {
  if (samples.length === 0) return 'no series';
  const shown = samples.slice(0, 6).map((s) => {
    const labels = Object.entries(s.metric)
      .filter(([key]) => !['__name__', 'instance'].includes(key))
      .map(([key, value]) => `${key}="${value}"`)
      .join(',');
    return `{${labels}} ${Number.isInteger(s.value) ? s.value : s.value.toFixed(4)}`;
  });
  return `${shown.join('; ')}${samples.length > 6 ? `; … (${samples.length} series)` : ''}`;
}
