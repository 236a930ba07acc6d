import { acapyVenv, obsHome, type Config } from '../config/config.js';
import { renderStack } from '../render/render-stack.js';
import { stackPaths } from '../stack/paths.js';
import { loadOrCreateSecrets, readSecrets, generateSecrets } from '../stack/secrets.js';
import { buildStack } from '../stack/services.js';
import type { StackPlan } from './runtime.js';

/**
 * The plan for a stack. `up` creates the secrets on first use; every other command only reads
 * them, so a status or a check never leaves files behind.
 */
export async function planStack(
  config: Config,
  options: { create: boolean; env?: NodeJS.ProcessEnv },
): Promise<StackPlan> {
  const paths = stackPaths(config.dataDir);
  const secrets = options.create
    ? await loadOrCreateSecrets(paths.secrets)
    : ((await readSecrets(paths.secrets)) ?? generateSecrets());
  const home = obsHome(options.env);
  const model = buildStack(config, secrets, acapyVenv(options.env));
  return { config, model, paths, secrets, home, files: renderStack(model, config, secrets) };
}
