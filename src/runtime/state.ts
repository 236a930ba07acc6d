import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { TrackedProcess } from './processes.js';

/** What the local runtime remembers of a running stack, in its data folder. */
export interface LocalState {
  stack: string;
  dataDir: string;
  ports: number[];
  services: Record<string, TrackedProcess & { logFile: string }>;
}

/** Reads a stack's state file, or an empty state. */
export async function readState(file: string, stack: string, dataDir: string): Promise<LocalState> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LocalState;
  } catch {
    return { stack, dataDir, ports: [], services: {} };
  }
}

/** Writes a stack's state file. */
export async function writeState(file: string, state: LocalState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** The registry of stacks started on this machine: one file each under OBS_HOME/running. */
export const registry = {
  async add(home: string, state: LocalState): Promise<void> {
    const dir = path.join(home, 'running');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(
      path.join(dir, `${state.stack}.json`),
      JSON.stringify({ dataDir: state.dataDir }),
    );
  },

  async remove(home: string, stack: string): Promise<void> {
    await rm(path.join(home, 'running', `${stack}.json`), { force: true });
  },

  /** The states of the other registered stacks. */
  async others(home: string, stack: string, stateFile: (dataDir: string) => string) {
    const dir = path.join(home, 'running');
    const entries = await readdir(dir).catch(() => [] as string[]);
    const states: LocalState[] = [];
    for (const entry of entries) {
      const name = entry.replace(/\.json$/, '');
      if (name === stack) continue;
      const { dataDir } = JSON.parse(await readFile(path.join(dir, entry), 'utf8')) as {
        dataDir: string;
      };
      states.push(await readState(stateFile(dataDir), name, dataDir));
    }
    return states;
  },
};
