import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { everythingBut, obsCli } from '../helpers/cli.js';
import { freePort } from '../helpers/prometheus.js';

// The CLI's answers to bad input: what failed, the value, what to do next, and the exit code.

let dir: string;

const obs = (args: string[], env: NodeJS.ProcessEnv = {}) => obsCli(dir)(args, env);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obs-cli-'));
});

describe('obs on bad input', () => {
  it('names the file, line and key of a bad obs.yaml, and exits 2', async () => {
    await writeFile(path.join(dir, 'bad.yaml'), 'stack: demo\nports:\n  prometheus: 80\n');
    const result = await obs(['status', '--config', 'bad.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `${path.join(dir, 'bad.yaml')}:3: ports.prometheus: expected a port from 1024 to 65535`,
    );
    expect(result.stderr).toContain('Try this:');
  });

  it('says which configuration file it cannot read', async () => {
    const result = await obs(['status', '--config', 'missing.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `cannot read the configuration file ${path.join(dir, 'missing.yaml')}`,
    );
  });

  it('treats an unknown flag as a usage error', async () => {
    const result = await obs(['check', '--colour']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Nonexistent flag: --colour/);
    expect(result.stderr).toContain('obs check --help');
  });

  it('treats a criterion prefix that matches nothing as a usage error', async () => {
    const result = await obs(['check', '--only', 'nosuch']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no criterion id starts with nosuch');
  });

  it('refuses an agent given in the wrong form, naming it', async () => {
    const result = await obs(['check', '--acapy-agent', 'doctor=nokey']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--acapy-agent doctor=nokey is not name=adminUrl#apiKey');
  });

  it('says where the API it cannot reach is, when seeding', async () => {
    const port = await freePort();
    const result = await obs(['seed', '--api-url', `http://127.0.0.1:${port}`]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `the prescription API at http://127.0.0.1:${port} does not answer`,
    );
    expect(result.stderr).toContain('obs up');
  });

  it('names every missing program and starts nothing', async () => {
    await writeFile(path.join(dir, 'novenv.yaml'), 'stack: novenv\ndataDir: ./novenv\n');
    const result = await obs(['up', '--runtime', 'local', '--config', 'novenv.yaml'], {
      OBS_VENV: path.join(dir, 'no-venv'),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `acapy-doctor: ${path.join(dir, 'no-venv', 'bin', 'aca-py')} not found; install with scripts/setup-local.sh`,
    );
    const status = await obs(['status', '--config', 'novenv.yaml'], {
      OBS_VENV: path.join(dir, 'no-venv'),
    });
    expect(status.stdout).not.toMatch(/\bready\b/);
  });

  it('names a busy port, its service and the process holding it, and starts nothing', async () => {
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      await writeFile(
        path.join(dir, 'busy.yaml'),
        `stack: busy\ndataDir: ./busy\nports:\n  prometheus: ${port}\n` +
          `disabled: ${JSON.stringify(everythingBut('prometheus'))}\n`,
      );
      const result = await obs(['up', '--runtime', 'local', '--config', 'busy.yaml']);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(
        `port ${port} for prometheus is already in use by pid ${process.pid}`,
      );
      expect(result.stderr).toContain('ports: in obs.yaml');
      expect(result.stderr).not.toContain('✔');
    } finally {
      holder.close();
    }
  });
});
