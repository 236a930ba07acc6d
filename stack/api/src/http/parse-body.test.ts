import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { HttpError } from './http-error.js';
import { parseBody } from './parse-body.js';

const schema = z.object({
  role: z.enum(['doctor', 'patient'], { error: 'must be one of doctor, patient' }),
  name: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
});

function failure(body: unknown): HttpError {
  try {
    parseBody(schema, body);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }

  throw new Error('expected an HttpError');
}

describe('parseBody', () => {
  it('returns the parsed body', () => {
    expect(parseBody(schema, { role: 'doctor', name: 'x' })).toEqual({ role: 'doctor', name: 'x' });
  });

  it('answers 400 naming the field and the value sent', () => {
    const err = failure({ role: 'nurse', name: 'x' });

    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_body');
    expect(err.field).toBe('role');
    expect(err.message).toBe('role must be one of doctor, patient (got "nurse")');
  });

  it('never repeats a value that may be personal data', () => {
    const err = failure({ role: 'doctor', name: '' });

    expect(err.field).toBe('name');
    expect(err.message).toBe('name must not be empty');
  });

  it('asks for a JSON object when the body is something else', () => {
    expect(failure('hello').message).toBe('the body must be a JSON object');
  });
});
