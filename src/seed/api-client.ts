import { randomUUID } from 'node:crypto';

/** A user the seeder registered, with the token the API returned once. */
export interface SeedUser {
  id: string;
  role: 'doctor' | 'patient' | 'pharmacist';
  region: string;
  token: string;
}

/** One answered request: its status, body, and how long it took. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  ms: number;
}

/** A client of the prescription API as its users call it; every call carries a correlation id. */
export class PrescriptionApiClient {
  readonly latenciesMs: number[] = [];
  readonly statuses = new Map<number, number>();

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    route: string,
    options: {
      user?: SeedUser;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {
      'x-correlation-id': randomUUID(),
      ...options.headers,
    };
    if (options.user) headers.authorization = `Bearer ${options.user.token}`;
    if (options.body !== undefined || options.rawBody !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers,
      body:
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    this.latenciesMs.push(ms);
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    let body: T;
    try {
      body = (text ? JSON.parse(text) : {}) as T;
    } catch {
      body = { raw: text.slice(0, 200) } as T;
    }
    return { status: response.status, body, ms };
  }
}
