import net from 'node:net';

import type { Probe } from '../stack/model.js';

/** Runs a readiness probe once; resolves true when the service answered as ready. */
export async function probeOnce(probe: Probe, timeoutMs = 2000): Promise<boolean> {
  return probe.kind === 'http' ? probeHttp(probe, timeoutMs) : probeTcp(probe, timeoutMs);
}

async function probeHttp(probe: Extract<Probe, { kind: 'http' }>, timeoutMs: number) {
  try {
    const response = await fetch(probe.url, {
      headers: probe.headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return false;
    if (!probe.expectJson) {
      await response.arrayBuffer();
      return true;
    }
    const body = (await response.json()) as Record<string, unknown>;
    return Object.entries(probe.expectJson).every(([key, value]) => body[key] === value);
  } catch {
    return false;
  }
}

function probeTcp(probe: Extract<Probe, { kind: 'tcp' }>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: probe.host, port: probe.port });
    let received = '';
    const finish = (ready: boolean) => {
      socket.destroy();
      resolve(ready);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => {
      if (!probe.send) return finish(true);
      socket.write(probe.send);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (probe.expect && received.includes(probe.expect)) finish(true);
    });
  });
}

/** Polls a probe until it passes, `isAlive` turns false, or the time is up. */
export async function waitForReady(
  probe: Probe,
  options: { timeoutMs: number; intervalMs?: number; isAlive?: () => boolean },
): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 100;
  while (Date.now() < deadline) {
    if (await probeOnce(probe, Math.min(2000, Math.max(deadline - Date.now(), 1)))) return 'ready';
    if (options.isAlive && !options.isAlive()) return 'exited';
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return 'timeout';
}
