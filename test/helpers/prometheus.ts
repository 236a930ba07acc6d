import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { execa, type ResultPromise } from 'execa';

import { PrometheusClient } from '../../src/clients/prometheus.js';
import { waitForReady } from '../../src/runtime/probe.js';

/** A free loopback port, found by binding port 0. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real Prometheus (Debian's) scraping the given targets every second, in a temporary folder. */
export async function startPrometheus(targets: Record<string, string>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'obs-prom-'));
  const port = await freePort();
  const jobs = Object.entries(targets)
    .map(
      ([job, target]) => `  - job_name: ${job}\n    static_configs: [{ targets: ['${target}'] }]`,
    )
    .join('\n');
  await writeFile(
    path.join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n${jobs}\n`,
  );
  const process: ResultPromise = execa(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { reject: false },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForReady({ kind: 'http', url: `${url}/-/ready` }, { timeoutMs: 20_000 });
  // Discovery hands targets to the scraper only every few seconds: wait for one scrape of each,
  // so a test's first verdict is about the targets, not about that delay.
  const client = new PrometheusClient(url);
  const deadline = Date.now() + 20_000;
  while ((await client.query('up')).length < Object.keys(targets).length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      process.kill();
      await process;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP server answering /metrics with whatever exposition text the test sets. */
export async function startExposition(port?: number) {
  let body = '';
  const server: Server = createServer((_, response) => {
    response.setHeader('content-type', 'text/plain; version=0.0.4');
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(port ?? 0, '127.0.0.1', resolve));
  return {
    target: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(text: string) {
      body = text;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
