import { existsSync } from 'node:fs';

import type { Config } from '../config/config.js';
import { ObsError } from '../errors.js';
import { LocalRuntime } from './local-runtime.js';
import type { Runtime } from './runtime.js';

/** Whether a Docker Engine answers on its socket (DOCKER_HOST or the default one). */
export async function dockerEngineAnswers(timeoutMs = 1000): Promise<boolean> {
  const socket = process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') ?? '/var/run/docker.sock';
  if (!socket.startsWith('/') || !existsSync(socket)) return false;
  const { default: Docker } = await import('dockerode');
  try {
    await Promise.race([
      new Docker({ socketPath: socket }).ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The runtime for a command: the flag, else obs.yaml, else docker where an engine answers and
 * local where none does. The Docker runtime itself is not built yet, so choosing it explicitly
 * is an error that says so, and the automatic choice falls back to local with a warning.
 */
export async function selectRuntime(
  flag: string | undefined,
  config: Config,
  warn: (message: string) => void,
): Promise<Runtime> {
  const wanted = flag ?? config.runtime;
  if (wanted === 'docker') {
    throw new ObsError(
      'RUNTIME_UNAVAILABLE',
      'the docker runtime is not available in this version of obs',
      {
        hint: 'Use --runtime local; docker-compose.yml at the top of the repo declares the same stack for compose.',
      },
    );
  }
  if (wanted === undefined && (await dockerEngineAnswers())) {
    warn(
      'A Docker Engine answers, but this version of obs runs stacks with the local runtime only.',
    );
  }
  return new LocalRuntime();
}
