import { describe, expect, it } from 'vitest';

import { correlationIdOf } from './request-telemetry.js';

describe('correlationIdOf', () => {
  const generate = () => 'generated';

  it('keeps a well-formed id from the caller', () => {
    expect(correlationIdOf('seed-run-42:rx.1', generate)).toBe('seed-run-42:rx.1');
    expect(correlationIdOf(['first', 'second'], generate)).toBe('first');
  });

  it('replaces a missing, overlong or unsafe id with a new one', () => {
    expect(correlationIdOf(undefined, generate)).toBe('generated');
    expect(correlationIdOf('x'.repeat(129), generate)).toBe('generated');
    expect(correlationIdOf('bad id\n{"level":"error"}', generate)).toBe('generated');
  });
});
