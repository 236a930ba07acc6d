import { describe, expect, it } from 'vitest';

import { parseSettings, SettingsError } from './settings.js';

const AGENTS = JSON.stringify({
  doctor: { adminUrl: 'http://127.0.0.1:8031', apiKey: 'd' },
  patient: { adminUrl: 'http://127.0.0.1:8041', apiKey: 'p' },
  pharmacist: { adminUrl: 'http://127.0.0.1:8051', apiKey: 'ph' },
});

const VALID = {
  PORT: '8080',
  DATABASE_URL: 'postgres://rx:secret-pass@127.0.0.1:5432/rx',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ACAPY_AGENTS: AGENTS,
  WEBHOOK_API_KEY: 'webhook-secret-key',
};

function errorOf(env: Record<string, string | undefined>, kind: 'api' | 'worker' = 'api') {
  try {
    parseSettings(env, kind);
  } catch (err) {
    if (err instanceof SettingsError) return err;
    throw err;
  }

  throw new Error('expected a SettingsError');
}

describe('parseSettings', () => {
  it('applies the defaults of the optional variables', () => {
    const settings = parseSettings(VALID, 'api');

    expect(settings.serviceName).toBe('prescription-api');
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.port).toBe(8080);
    expect(settings.logLevel).toBe('info');
    expect(settings.faultInjection).toBe(false);
    expect(settings.tracesUrl).toBeUndefined();
    expect(settings.regions).toEqual(['north', 'south', 'east', 'west', 'central']);
    expect(settings.agents.patient.adminUrl).toBe('http://127.0.0.1:8041');
  });

  it('names a missing variable and what to set it to', () => {
    const err = errorOf({ ...VALID, DATABASE_URL: undefined });

    expect(err.variable).toBe('DATABASE_URL');
    expect(err.message).toMatch(/^DATABASE_URL is not set; set it to .*postgres:\/\//);
  });

  it('treats an empty variable as missing', () => {
    expect(errorOf({ ...VALID, PORT: '  ' }).message).toMatch(/^PORT is not set/);
  });

  it('names the bad value of a plain variable', () => {
    const err = errorOf({ ...VALID, LOG_LEVEL: 'verbose' });

    expect(err.variable).toBe('LOG_LEVEL');
    expect(err.message).toContain('"verbose"');
    expect(err.message).toContain('debug, info, warning, error, critical');
  });

  it('rejects a port out of range', () => {
    expect(errorOf({ ...VALID, PORT: '70000' }).message).toMatch(/^PORT "70000" is invalid/);
  });

  it('never echoes a secret variable', () => {
    const err = errorOf({ ...VALID, DATABASE_URL: 'mysql://rx:secret-pass@127.0.0.1/rx' });

    expect(err.variable).toBe('DATABASE_URL');
    expect(err.message).not.toContain('secret-pass');
  });

  it('points into ACAPY_AGENTS at the bad field', () => {
    const agents = JSON.parse(AGENTS) as Record<string, Record<string, string>>;
    delete agents.pharmacist?.apiKey;
    const err = errorOf({ ...VALID, ACAPY_AGENTS: JSON.stringify(agents) });

    expect(err.message).toMatch(/^ACAPY_AGENTS\.pharmacist\.apiKey is invalid/);
    expect(err.message).not.toContain('"d"');
  });

  it('rejects ACAPY_AGENTS that is not JSON', () => {
    expect(errorOf({ ...VALID, ACAPY_AGENTS: '{doctor' }).variable).toBe('ACAPY_AGENTS');
  });

  it('needs the webhook key only in the api', () => {
    expect(errorOf({ ...VALID, WEBHOOK_API_KEY: undefined }).variable).toBe('WEBHOOK_API_KEY');
    expect(parseSettings({ ...VALID, WEBHOOK_API_KEY: undefined }, 'worker').serviceName).toBe(
      'prescription-worker',
    );
  });

  it('reads regions, fault injection and the traces URL', () => {
    const settings = parseSettings(
      {
        ...VALID,
        REGIONS: 'eu-west, eu-north',
        FAULT_INJECTION: 'enabled',
        TRACES_URL: 'http://127.0.0.1:9411/api/v2/spans',
      },
      'api',
    );

    expect(settings.regions).toEqual(['eu-west', 'eu-north']);
    expect(settings.faultInjection).toBe(true);
    expect(settings.tracesUrl).toBe('http://127.0.0.1:9411/api/v2/spans');
  });

  it('rejects a region that would make an unsafe metric label', () => {
    expect(errorOf({ ...VALID, REGIONS: 'north,Bad Region' }).message).toMatch(/^REGIONS\.1 /);
  });
});
