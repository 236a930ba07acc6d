import { describe, expect, it } from 'vitest';

import { ObsError } from '../errors.js';
import { parseConfig, resolveConfig } from './config.js';

const env = { OBS_HOME: '/tmp/obs-home-test' };

function configError(text: string): ObsError {
  try {
    parseConfig(text, '/work/obs.yaml', env);
  } catch (error) {
    if (error instanceof ObsError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('fills every setting from the defaults when obs.yaml is empty', () => {
    const config = parseConfig('', '/work/obs.yaml', env);
    expect(config.stack).toBe('obs');
    expect(config.ports.prometheus).toBe(9090);
    expect(config.retention.logsDays).toBe(30);
    expect(config.dataDir).toBe('/tmp/obs-home-test/stacks/obs');
  });

  it('overrides a port and resolves dataDir against the file', () => {
    const config = parseConfig(
      'ports:\n  prometheus: 19090\ndataDir: ./data\n',
      '/work/obs.yaml',
      env,
    );
    expect(config.ports.prometheus).toBe(19090);
    expect(config.ports.alertmanager).toBe(9093);
    expect(config.dataDir).toBe('/work/data');
  });

  it('names the file, line and key of a bad value, and what was expected', () => {
    const error = configError('stack: demo\nports:\n  prometheus: 80\n');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.details).toEqual([
      '/work/obs.yaml:3: ports.prometheus: expected a port from 1024 to 65535 (got 80)',
    ]);
  });

  it('names an unknown key with its line', () => {
    const error = configError('stack: demo\n\nprots:\n  api: 8080\n');
    expect(error.details[0]).toMatch(
      /^\/work\/obs\.yaml:3: prots: unknown key; expected one of stack, runtime/,
    );
  });

  it('refuses a log retention outside 30 to 90 days', () => {
    const error = configError('retention:\n  logsDays: 7\n');
    expect(error.details[0]).toBe(
      '/work/obs.yaml:2: retention.logsDays: the policy keeps logs 30 to 90 days (got 7)',
    );
  });

  it('refuses a log level that is not one of the five', () => {
    const error = configError('logLevels:\n  api: verbose\n');
    expect(error.details[0]).toMatch(/^\/work\/obs\.yaml:2: logLevels\.api: /);
    expect(error.details[0]).toContain('critical');
  });

  it('names the keys a nested map may hold when one is unknown', () => {
    const error = configError('ports:\n  grafanna: 3001\n');
    expect(error.details[0]).toMatch(
      /^\/work\/obs\.yaml:2: ports\.grafanna: unknown key; expected one of prometheus, /,
    );
  });

  it('lists several problems in the order of their lines', () => {
    const error = configError('runtime: podman\nports:\n  api: 1\n');
    expect(error.details.map((d) => d.split(':')[1])).toEqual(['1', '3']);
  });

  it('refuses a document whose aliases expand without bound, as a configuration error', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefghij')
      bomb.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    expect(configError(bomb.join('\n')).message).toMatch(/cannot be read: .*alias/i);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = configError('stack: demo\nports: [\n');
    expect(error.message).toMatch(/^\/work\/obs\.yaml:\d+: not valid YAML/);
  });

  it('refuses two services on one port, naming both', () => {
    expect(() => resolveConfig({ ports: { api: 9090 } })).toThrow(
      /port 9090 is given to both prometheus and api/,
    );
  });
});
