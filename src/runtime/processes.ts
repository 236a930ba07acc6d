import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { open, readdir, readlink } from 'node:fs/promises';

/** A process obs started, identified by pid and start time so a reused pid is not mistaken. */
export interface TrackedProcess {
  pid: number;
  startTime: string;
}

/** The kernel's start time of a process (field 22 of /proc/pid/stat), or undefined if gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

/** Whether a pid is a live process: present and not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether the tracked process still runs: the same start time, and alive. */
export function isRunning(process: TrackedProcess): boolean {
  return processStartTime(process.pid) === process.startTime && isAlive(process.pid);
}

/** Starts a long-running process detached from obs, its output appended to a log file. */
export function spawnDetached(options: {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  cwd: string;
  uid?: number;
  gid?: number;
}): TrackedProcess {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', log, log],
      uid: options.uid,
      gid: options.gid,
    });
    if (child.pid === undefined) throw new Error(`could not start ${options.command}`);
    child.unref();
    return { pid: child.pid, startTime: processStartTime(child.pid) ?? '' };
  } finally {
    closeSync(log);
  }
}

/** Stops a tracked process group: its stop signal, then SIGKILL after the grace period. */
export async function stopProcess(
  process: TrackedProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
): Promise<void> {
  if (!isRunning(process)) return;
  signalGroup(process.pid, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(process)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  signalGroup(process.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    globalThis.process.kill(-pid, signal);
  } catch {
    try {
      globalThis.process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** The last lines of a log file, for the report of a failed service. */
export async function tailLines(file: string, count = 20): Promise<string[]> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('utf8').split('\n').filter(Boolean).slice(-count);
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
}

/** Who holds a TCP port on loopback or any address: the pid and its command, when visible. */
export async function portOwner(
  port: number,
): Promise<{ pid?: number; command?: string } | undefined> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = readIfPresent(table);
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // Field 1 is local address:port in hex, field 3 the state (0A = LISTEN), field 9 the inode.
      if (
        fields.length > 9 &&
        fields[3] === '0A' &&
        parseInt(fields[1].split(':')[1], 16) === port
      ) {
        inodes.add(fields[9]);
      }
    }
  }
  if (inodes.size === 0) return undefined;

  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // Processes of other users, or gone since the listing, cannot be read: pass over them.
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) {
        const command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
        return { pid: Number(entry), command };
      }
    }
  }
  return {};
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
