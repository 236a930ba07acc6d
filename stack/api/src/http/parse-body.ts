import type { z } from 'zod';

import { httpErrors } from './http-error.js';

// Fields whose values may be personal data; their errors never repeat what was sent.
const PRIVATE_FIELDS = new Set(['name', 'medication', 'dosage']);

// Validates a request body against a schema, or throws a 400 naming the first bad field.
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  // No body at all is an empty object; a JSON null is not an object and is refused.
  const result = schema.safeParse(body === undefined ? {} : body);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  if (path === '') throw httpErrors.invalidBody('body', 'the body must be a JSON object');

  const sent = valueAt(body, issue?.path ?? []);
  const shown =
    PRIVATE_FIELDS.has(path) || sent === undefined
      ? ''
      : ` (got ${JSON.stringify(sent).slice(0, 80)})`;
  throw httpErrors.invalidBody(path, `${path} ${issue?.message ?? 'is invalid'}${shown}`);
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }

  return value;
}
