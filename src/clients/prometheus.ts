import { fetchJson } from './http-json.js';

/** One series of an instant query's answer. */
export interface Sample {
  metric: Record<string, string>;
  value: number;
}

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

/** A client of Prometheus' HTTP API (v1): queries, series, targets and rules. */
export class PrometheusClient {
  constructor(readonly baseUrl: string) {}

  /** Runs an instant query; NaN and infinite values are kept as numbers. */
  async query(expr: string): Promise<Sample[]> {
    const data = await this.get<{
      resultType: string;
      result: Array<{ metric: Record<string, string>; value: [number, string] }>;
    }>('/api/v1/query', { query: expr });
    if (data.resultType === 'scalar') {
      const [, value] = data.result as unknown as [number, string];
      return [{ metric: {}, value: Number(value) }];
    }
    return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** The label sets of every series matching a selector. */
  async series(match: string): Promise<Record<string, string>[]> {
    return this.get('/api/v1/series', { 'match[]': match });
  }

  /** The active scrape targets with their health. */
  async targets(): Promise<
    Array<{ labels: Record<string, string>; scrapeUrl: string; health: string; lastError: string }>
  > {
    const data = await this.get<{
      activeTargets: Array<{
        labels: Record<string, string>;
        scrapeUrl: string;
        health: string;
        lastError: string;
      }>;
    }>('/api/v1/targets', { state: 'active' });
    return data.activeTargets;
  }

  /** The loaded alerting rules, by name, with their labels and annotations. */
  async alertRules(): Promise<
    Array<{
      name: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      state: string;
    }>
  > {
    const data = await this.get<{
      groups: Array<{
        rules: Array<{
          type: string;
          name: string;
          labels?: Record<string, string>;
          annotations?: Record<string, string>;
          state?: string;
        }>;
      }>;
    }>('/api/v1/rules', { type: 'alert' });
    return data.groups.flatMap((group) =>
      group.rules.map((rule) => ({
        name: rule.name,
        labels: rule.labels ?? {},
        annotations: rule.annotations ?? {},
        state: rule.state ?? 'inactive',
      })),
    );
  }

  private async get<T>(route: string, params: Record<string, string>): Promise<T> {
    const url = `${this.baseUrl}${route}?${new URLSearchParams(params)}`;
    const answer = await fetchJson<ApiAnswer<T>>(url);
    if (answer.status !== 'success')
      throw new Error(`Prometheus refused ${route}: ${answer.error}`);
    return answer.data;
  }
}
