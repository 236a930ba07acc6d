import path from 'node:path';

import { execa } from 'execa';

import { resolveConfig } from '../../src/config/config.js';
import { packageRoot } from '../../src/stack/paths.js';
import { generateSecrets } from '../../src/stack/secrets.js';
import { buildStack } from '../../src/stack/services.js';

/** Runs the built obs CLI in a folder, with its own OBS_HOME, never throwing on a non-zero exit. */
export function obsCli(dir: string, baseEnv: NodeJS.ProcessEnv = {}) {
  return (args: string[], env: NodeJS.ProcessEnv = {}) =>
    execa(path.join(packageRoot, 'bin', 'run.js'), args, {
      cwd: dir,
      env: {
        ...process.env,
        OBS_HOME: path.join(dir, 'home'),
        FORCE_COLOR: '0',
        ...baseEnv,
        ...env,
      },
      reject: false,
      timeout: 300_000,
    });
}

/** Every service of the default stack but those named: for an obs.yaml `disabled:` list. */
export function everythingBut(...keep: string[]): string[] {
  const model = buildStack(resolveConfig({}), generateSecrets(), '/nonexistent-venv');
  return model.services.map((service) => service.name).filter((name) => !keep.includes(name));
}
