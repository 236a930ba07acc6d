import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ObsError } from '../errors.js';
import type { TrackedProcess } from './processes.js';

/** What the local runtime remembers of a running stack, in its data folder. */
export interface LocalState {
  stack: string;
  dataDir: string;
  ports: number[];
  services: Record<string, TrackedProcess & { logFile: string }>;
}

/** Reads a stack's state file: empty when there is none, an error when it cannot be read. */
export async function readState(file: string, stack: string, dataDir: string): Promise<LocalState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { stack, dataDir, ports: [], services: {} };
    }
    throw error;
  }
  try {
    return JSON.parse(text) as LocalState;
  } catch (error) {
    // Never read as "nothing runs": that would start a second copy beside the first.
    throw new ObsError(
      'STATE_UNREADABLE',
      `the state file ${file} of stack ${stack} is not valid JSON`,
      {
        cause: error,
        hint:
          'Stop its processes by hand (obs status shows which ports are held, and by whom), ' +
          'then delete the file and run obs up again.',
      },
    );
  }
}

// Writes to one file go one after another, so an older snapshot never lands after a newer one.
const pendingWrites = new Map<string, Promise<void>>();

/** Writes a stack's state file whole or not at all: a new file, then a rename over the old. */
export async function writeState(file: string, state: LocalState): Promise<void> {
  const text = JSON.stringify(state, null, 2);
  const write = async () => {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const next = `${file}.${randomUUID()}.tmp`;
    await writeFile(next, text, { mode: 0o600 });
    await rename(next, file);
  };
  const queued = (pendingWrites.get(file) ?? Promise.resolve()).then(write, write);
  pendingWrites.set(file, queued);
  await queued;
}

/** The registry of stacks started on this machine: a file each under OBS_HOME/running. */
export const registry = {
  async add(home: string, state: LocalState): Promise<void> {
    const dir = path.join(home, 'running');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const entry = { stack: state.stack, dataDir: state.dataDir };
    await writeFile(path.join(dir, entryName(state.stack, state.dataDir)), JSON.stringify(entry));
  },

  async remove(home: string, stack: string, dataDir: string): Promise<void> {
    await rm(path.join(home, 'running', entryName(stack, dataDir)), { force: true });
  },

  /** The states of the other registered stacks; one whose state cannot be read is passed over. */
  async others(home: string, dataDir: string, stateFile: (dataDir: string) => string) {
    const dir = path.join(home, 'running');
    const entries = await readdir(dir).catch(() => [] as string[]);
    const states: LocalState[] = [];
    for (const entry of entries) {
      const other = JSON.parse(await readFile(path.join(dir, entry), 'utf8')) as {
        stack: string;
        dataDir: string;
      };
      if (other.dataDir === dataDir) continue;
      const state = await readState(stateFile(other.dataDir), other.stack, other.dataDir).catch(
        () => undefined,
      );
      if (state) states.push(state);
    }
    return states;
  },
};

// One entry per stack and data folder, so two folders never overwrite each other's entry.
function entryName(stack: string, dataDir: string): string {
  return `${stack}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}.json`;
}
