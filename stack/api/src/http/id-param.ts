import { httpErrors } from './http-error.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The :id of a route as a UUID, or a 400 naming it; keeps malformed ids away from PostgreSQL.
export function idParam(params: unknown, name = 'id'): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    throw httpErrors.invalidId(name, String(value));
  }

  return value.toLowerCase();
}
