#!/usr/bin/env node
// Measures, in one run, the two speed goals of obs and prints each as a ratio:
//   1. cold start of `obs --version` against `node -e 0` (goal: at most 3x);
//   2. local `obs up` from nothing to all ready against the slowest single service's own time to
//      ready (goal: at most 1.3x, since independent services start in parallel).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const obs = path.join(root, 'bin', 'run.js');

function medianMs(command, args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: 'ignore' });
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const runs = 15;
medianMs(process.execPath, [obs, '--version'], 2); // warm the file cache for both
const node = medianMs(process.execPath, ['-e', '0'], runs);
const version = medianMs(process.execPath, [obs, '--version'], runs);
console.log(
  `cold start: node -e 0 ${node.toFixed(1)} ms, obs --version ${version.toFixed(1)} ms (median of ${runs})`,
);
console.log(`cold start ratio: ${(version / node).toFixed(2)}x (goal <= 3x)`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'obs-bench-'));
const defaults = readFileSync(path.join(root, 'src', 'config', 'defaults.ts'), 'utf8');
const ports = Object.fromEntries(
  [...defaults.matchAll(/^\s+'?([a-z-]+)'?: (\d+),$/gm)].map(([, name, port]) => [
    name,
    Number(port) + 30_000,
  ]),
);
writeFileSync(
  path.join(dir, 'obs.yaml'),
  `stack: bench\ndataDir: ./data\nports: ${JSON.stringify(ports)}\n`,
);
const env = { ...process.env, OBS_HOME: path.join(dir, 'home') };
try {
  const started = process.hrtime.bigint();
  const out = execFileSync(obs, ['up', '--runtime', 'local', '--json'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const report = JSON.parse(out.toString());
  const [slowest, slowestMs] = Object.entries(report.timings).sort(([, a], [, b]) => b - a)[0];
  console.log(
    `local up: all ${Object.keys(report.timings).length} services ready in ${report.totalMs} ms ` +
      `(command wall time ${wallMs.toFixed(0)} ms); slowest single service ${slowest} ${slowestMs} ms`,
  );
  console.log(`local up ratio: ${(report.totalMs / slowestMs).toFixed(2)}x (goal <= 1.3x)`);
} finally {
  spawnSync(obs, ['down', '--purge'], { cwd: dir, env, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
