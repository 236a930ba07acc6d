import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The secrets a stack generates once and keeps, readable by its owner only. */
export interface Secrets {
  postgresPassword: string;
  webhookKey: string;
  grafanaAdminPassword: string;
  agents: Record<AgentName, { adminKey: string; walletKey: string }>;
}

export const agentNames = ['doctor', 'patient', 'pharmacist'] as const;

export type AgentName = (typeof agentNames)[number];

function token(): string {
  return randomBytes(24).toString('base64url');
}

/** Generates a fresh set of secrets. */
export function generateSecrets(): Secrets {
  const agents = Object.fromEntries(
    agentNames.map((name) => [name, { adminKey: token(), walletKey: token() }]),
  ) as Secrets['agents'];
  return { postgresPassword: token(), webhookKey: token(), grafanaAdminPassword: token(), agents };
}

/** Reads the stack's secrets, or generates and stores them (mode 0600) on first use. */
export async function loadOrCreateSecrets(file: string): Promise<Secrets> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets = generateSecrets();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
  return secrets;
}

/** Reads the stack's secrets if it has any yet. */
export async function readSecrets(file: string): Promise<Secrets | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Secrets;
  } catch {
    return undefined;
  }
}
