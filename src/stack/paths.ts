import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The folder obs is installed in: the nearest one above this module that holds package.json.
function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The folder holding obs' package.json, stack/, templates/ and dist/. */
export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Where one stack keeps each kind of file, all under its data folder. */
export interface StackPaths {
  root: string;
  state: string;
  secrets: string;
  config: string;
  data: string;
  logs: string;
}

/** The file layout under a stack's data folder. */
export function stackPaths(dataDir: string): StackPaths {
  return {
    root: dataDir,
    state: path.join(dataDir, 'state.json'),
    secrets: path.join(dataDir, 'secrets.json'),
    config: path.join(dataDir, 'config'),
    data: path.join(dataDir, 'data'),
    logs: path.join(dataDir, 'logs'),
  };
}
