import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portOwner } from '../../src/runtime/processes.js';
import { everythingBut, obsCli } from '../helpers/cli.js';
import { freePort } from '../helpers/prometheus.js';

// The local runtime with real processes, on small stacks: what a failed start leaves behind, and
// what a second stack on the same ports is told.

let dir: string;
const obs = (args: string[], env: NodeJS.ProcessEnv = {}) => obsCli(dir)(args, env);

async function stackFile(name: string, keep: string[], ports: Record<string, number>) {
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(
    file,
    `stack: ${name}\ndataDir: ./${name}\n` +
      `disabled: ${JSON.stringify(everythingBut(...keep))}\nports: ${JSON.stringify(ports)}\n`,
  );
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obs-runtime-'));
});

afterAll(async () => {
  for (const name of ['broken', 'first', 'second'])
    await obs(['down', '--purge', '--config', `${name}.yaml`]);
});

describe('the local runtime', () => {
  it("stops what it started when a service fails, and shows that service's last log lines", async () => {
    // A broken ACA-Py install: its program says why and exits.
    const venv = path.join(dir, 'broken-venv');
    await mkdir(path.join(venv, 'bin'), { recursive: true });
    await writeFile(
      path.join(venv, 'bin', 'aca-py'),
      '#!/bin/sh\necho "aries_askar: cannot load the native library" >&2\nexit 3\n',
    );
    await chmod(path.join(venv, 'bin', 'aca-py'), 0o755);
    const redisPort = await freePort();
    const config = await stackFile('broken', ['redis', 'acapy-doctor'], {
      redis: redisPort,
      'acapy-doctor': await freePort(),
      'acapy-doctor-inbound': await freePort(),
    });

    const result = await obs(['up', '--runtime', 'local', '--config', config], { OBS_VENV: venv });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('acapy-doctor exited before it was ready');
    expect(result.stderr).toContain('aries_askar: cannot load the native library');
    expect(result.stderr).toContain('Every service obs started in this run was stopped');
    expect(await portOwner(redisPort)).toBeUndefined();
  });

  it('refuses a second stack on ports a running one holds, naming the running stack', async () => {
    const port = await freePort();
    const first = await obs([
      'up',
      '--runtime',
      'local',
      '--config',
      await stackFile('first', ['redis'], { redis: port }),
    ]);
    expect(first.exitCode, first.stderr).toBe(0);

    const second = await obs([
      'up',
      '--runtime',
      'local',
      '--config',
      await stackFile('second', ['redis'], { redis: port }),
    ]);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toContain(`stack first is already running on port ${port}`);
    expect(second.stderr).toContain('obs down');

    const sameName = path.join(dir, 'same-name.yaml');
    await writeFile(
      sameName,
      `stack: first\ndataDir: ./elsewhere\nports: {redis: ${await freePort()}}\n` +
        `disabled: ${JSON.stringify(everythingBut('redis'))}\n`,
    );
    const third = await obs(['up', '--runtime', 'local', '--config', sameName]);
    expect(third.exitCode).toBe(1);
    expect(third.stderr).toContain('a stack named first is already running');

    const down = await obs(['down', '--config', 'first.yaml']);
    expect(down.exitCode).toBe(0);
    expect(await portOwner(port)).toBeUndefined();
  });

  it('fails obs down, naming the port and its holder, while a port of the stack is still bound', async () => {
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      const config = await stackFile('held', ['redis'], { redis: port });
      const result = await obs(['down', '--config', config]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`port ${port} of redis: pid ${process.pid}`);
    } finally {
      holder.close();
    }
  }, 20_000);

  it('refuses to read a state file it cannot parse as a stack with nothing running', async () => {
    const config = await stackFile('garbled', ['redis'], { redis: await freePort() });
    await mkdir(path.join(dir, 'garbled'), { recursive: true });
    await writeFile(path.join(dir, 'garbled', 'state.json'), '{"stack": "garbl');
    const result = await obs(['status', '--config', config]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `the state file ${path.join(dir, 'garbled', 'state.json')} of stack garbled is not valid JSON`,
    );
  });
});
