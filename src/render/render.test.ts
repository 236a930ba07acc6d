import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

import { resolveConfig } from '../config/config.js';
import { planStack } from '../runtime/plan.js';
import type { StackPlan } from '../runtime/runtime.js';
import { packageRoot } from '../stack/paths.js';
import { renderCompose } from './compose.js';
import { writeRendered } from './render-stack.js';

let plan: StackPlan;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obs-render-'));
  const config = resolveConfig({ dataDir: dir }, { env: { OBS_HOME: dir } });
  plan = await planStack(config, { create: true, env: { OBS_HOME: dir } });
  await writeRendered(plan.paths.config, plan.files);
});

const rendered = (file: string) => path.join(plan.paths.config, file);

describe('rendered configuration', () => {
  it('is a Prometheus configuration and rule set that promtool accepts', async () => {
    const result = await execa('promtool', [
      'check',
      'config',
      rendered('prometheus/prometheus.yml'),
    ]);
    expect(result.stdout).toContain('SUCCESS');
    expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('scrapes the API, the worker, every exporter and Prometheus itself', async () => {
    const text = await readFile(rendered('prometheus/prometheus.yml'), 'utf8');
    for (const job of [
      'prescription-api',
      'prescription-worker',
      'node-exporter',
      'postgres-exporter',
      'redis-exporter',
      'prometheus',
    ]) {
      expect(text).toContain(`job_name: ${job}`);
    }
    expect(text).not.toMatch(/0\.0\.0\.0/);
  });

  it('is an Alertmanager configuration that amtool accepts, routing critical and warning apart', async () => {
    const file = rendered('alertmanager/alertmanager.yml');
    await execa('amtool', ['check-config', file]);
    const route = async (labels: string[]) =>
      (
        await execa('amtool', ['config', 'routes', 'test', `--config.file=${file}`, ...labels])
      ).stdout.trim();
    expect(await route(['severity=critical', 'alertname=ServiceDown'])).toBe('pager');
    expect(await route(['severity=warning', 'alertname=DiskSpaceHigh'])).toBe('chat');
  });

  it('is a blackbox configuration the exporter accepts', async () => {
    await execa('prometheus-blackbox-exporter', [
      `--config.file=${rendered('blackbox/blackbox.yml')}`,
      '--config.check',
    ]);
  });

  it('writes files holding secrets readable by their owner only', async () => {
    for (const file of ['api/api.env', 'acapy/doctor.yml', 'postgres/password']) {
      expect((await stat(rendered(file))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(plan.paths.secrets)).mode & 0o777).toBe(0o600);
  });

  it('keeps the log retention of obs.yaml in Loki, in hours', async () => {
    expect(await readFile(rendered('loki/loki.yml'), 'utf8')).toContain('retention_period: 720h');
  });

  it('puts no secret into docker-compose.yml', () => {
    const compose = renderCompose(plan.model);
    for (const secret of [
      plan.secrets.postgresPassword,
      plan.secrets.webhookKey,
      plan.secrets.agents.doctor.adminKey,
    ]) {
      expect(compose).not.toContain(secret);
    }
  });
});

describe('docker-compose.yml', () => {
  it('is the rendering of the default stack, so it never drifts from the model', async () => {
    const committed = await readFile(path.join(packageRoot, 'docker-compose.yml'), 'utf8');
    expect(committed).toBe(renderCompose(plan.model));
  });

  it('is valid for docker-compose', async () => {
    await execa('docker-compose', [
      '-f',
      path.join(packageRoot, 'docker-compose.yml'),
      'config',
      '-q',
    ]);
  });

  it('pins every image to an exact version', async () => {
    const committed = await readFile(path.join(packageRoot, 'docker-compose.yml'), 'utf8');
    const images = [...committed.matchAll(/image: (\S+)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) expect(image).toMatch(/:v?\d+(\.\d+){1,2}|:py3\.\d+-\d+\.\d+\.\d+/);
  });
});
