import path from 'node:path';

import { execa } from 'execa';

import { packageRoot } from '../../src/stack/paths.js';

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
