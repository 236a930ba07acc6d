import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { AcapyError } from '../acapy/client.js';
import { createLogger } from './logger.js';
import { REDACTED, serializeError } from './redaction.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ service: 'prescription-api', level: 'debug', destination });
  return { logger, lines };
}

describe('log redaction', () => {
  it('replaces names, medications, tokens and DIDs wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        name: 'CANARY Alice',
        user: { name: 'CANARY Bob', did: 'did:key:z6MkCANARY' },
        order: { item: { medication: 'CANARY pill', dosage: 'CANARY 5mg' } },
        headers: { authorization: 'Bearer rx_CANARY', 'x-api-key': 'CANARY-key' },
        token: 'rx_CANARY',
        prescription_id: 'kept',
      },
      'user registered',
    );

    const text = JSON.stringify(lines);
    expect(text).not.toContain('CANARY');
    expect(lines[0]?.prescription_id).toBe('kept');
    expect((lines[0]?.user as Record<string, unknown>).name).toBe(REDACTED);
  });

  it('writes time, level, service and message on every line', () => {
    const { logger, lines } = capture();
    logger.warning({}, 'agent readiness changed');
    logger.critical({}, 'invalid settings');

    expect(lines[0]).toMatchObject({ level: 'warning', service: 'prescription-api' });
    expect(lines[0]?.message).toBe('agent readiness changed');
    expect(lines[1]?.level).toBe('critical');
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('maps fastify levels warn and fatal onto warning and critical', () => {
    const { logger, lines } = capture();
    logger.warn('w');
    logger.fatal('f');

    expect(lines.map((line) => line.level)).toEqual(['warning', 'critical']);
  });
});

describe('serializeError', () => {
  it('drops the response body of an ACA-Py error, which may echo a credential', () => {
    const err = new AcapyError('doctor', '/issue-credential-2.0/send', 422, 'CANARY medication');
    const safe = serializeError(err);

    expect(JSON.stringify(safe)).not.toContain('CANARY');
    expect(safe).toMatchObject({ type: 'AcapyError', agent: 'doctor', status: 422 });
  });

  it('keeps the cause chain of ordinary errors', () => {
    const err = new Error('migration 1 failed', { cause: new Error('connection refused') });

    expect(serializeError(err).cause?.message).toBe('connection refused');
  });

  it('serializes an ACA-Py error found as a cause without its body', () => {
    const inner = new AcapyError('patient', '/out-of-band/receive-invitation', 500, 'CANARY');
    const outer = new Error('the patient agent did not complete the operation', { cause: inner });

    expect(JSON.stringify(serializeError(outer))).not.toContain('CANARY');
  });
});
