import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

import { ObsError } from '../errors.js';
import { defaultPorts, type LogLevel, type PortName } from './defaults.js';
import { configFileSchema, type ConfigFile } from './schema.js';

/** A stack's settings once obs.yaml and the defaults are merged. */
export interface Config {
  stack: string;
  runtime?: 'local' | 'docker';
  /** Where the stack keeps its state, rendered configuration, data and logs. */
  dataDir: string;
  ports: Record<PortName, number>;
  retention: { metricsDays: number; logsDays: number };
  logLevels: { api: LogLevel; worker: LogLevel };
  disabled: string[];
  faultInjection: boolean;
  postgres: { user: string; database: string };
  /** The file the settings came from, if any. */
  source?: string;
}

/** Where obs keeps what belongs to no single stack: `OBS_HOME`, else the XDG data folder. */
export function obsHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OBS_HOME) return path.resolve(env.OBS_HOME);
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'obs');
}

/** The Python virtual environment with ACA-Py, shared by every stack: `OBS_VENV`, else beside them. */
export function acapyVenv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OBS_VENV) return path.resolve(env.OBS_VENV);
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'obs', 'venv');
}

/** Merges a validated obs.yaml over the defaults. */
export function resolveConfig(
  file: ConfigFile,
  options: { source?: string; env?: NodeJS.ProcessEnv } = {},
): Config {
  const stack = file.stack ?? 'obs';
  const baseDir = options.source ? path.dirname(options.source) : process.cwd();
  const dataDir = file.dataDir
    ? path.resolve(baseDir, file.dataDir)
    : path.join(obsHome(options.env), 'stacks', stack);
  const ports = { ...defaultPorts, ...file.ports } as Record<PortName, number>;
  assertDistinctPorts(ports, options.source);

  return {
    stack,
    runtime: file.runtime,
    dataDir,
    ports,
    retention: { metricsDays: 15, logsDays: 30, ...file.retention },
    logLevels: { api: 'info', worker: 'info', ...file.logLevels },
    disabled: file.disabled ?? [],
    faultInjection: file.faultInjection ?? true,
    postgres: { user: 'obs', database: 'prescriptions', ...file.postgres },
    source: options.source,
  };
}

/** Parses obs.yaml text; an error names the file, the line, the key and what was expected. */
export function parseConfig(text: string, source: string, env?: NodeJS.ProcessEnv): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const { line } = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ObsError('CONFIG_INVALID', `${source}:${line}: not valid YAML: ${reason}`, {
      hint: 'Fix the YAML syntax at that line (or the line before it).',
    });
  }

  let value: unknown;
  try {
    value = doc.toJS() ?? {};
  } catch (error) {
    // yaml refuses documents whose aliases expand without bound.
    throw new ObsError('CONFIG_INVALID', `${source} cannot be read: ${(error as Error).message}`, {
      hint: 'Write the values out instead of nesting YAML aliases.',
    });
  }
  const parsed = configFileSchema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => describeIssue(issue, doc, lineCounter, source))
      .sort((a, b) => a.line - b.line)
      .map((described) => described.text);
    throw new ObsError('CONFIG_INVALID', `${source} is not a valid obs configuration`, {
      details,
      hint: 'Correct the keys named above; the obs.yaml section of the README shows every key.',
    });
  }
  return resolveConfig(parsed.data, { source, env });
}

/** Loads the configuration: the file given, else ./obs.yaml if present, else the defaults. */
export async function loadConfig(
  file?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Config> {
  const candidate = file ?? env.OBS_CONFIG ?? 'obs.yaml';
  const source = path.resolve(candidate);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && !file && !env.OBS_CONFIG) return resolveConfig({}, { env });
    throw new ObsError('CONFIG_UNREADABLE', `cannot read the configuration file ${source}`, {
      cause: error,
      hint: missing ? 'Check the path given to --config (or OBS_CONFIG).' : undefined,
    });
  }
  return parseConfig(text, source, env);
}

function assertDistinctPorts(ports: Record<PortName, number>, source?: string): void {
  const owners = new Map<number, PortName>();
  for (const [name, value] of Object.entries(ports) as [PortName, number][]) {
    const other = owners.get(value);
    if (other) {
      throw new ObsError('CONFIG_INVALID', `port ${value} is given to both ${other} and ${name}`, {
        hint: `Give each a port of its own under ports: in ${source ?? 'obs.yaml'}.`,
      });
    }
    owners.set(value, name);
  }
}

interface Described {
  line: number;
  text: string;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  source: string,
): Described {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const issuePath = issue.path.map(String);
  const keyPath = [...issuePath, ...keys.slice(0, 1)];
  const key = keyPath.join('.') || '(top level)';
  const node = doc.getIn(issuePath, true) as { range?: [number, number, number] } | undefined;
  const offset = findKeyNode(doc, keyPath) ?? node?.range?.[0];
  const line = offset === undefined ? 0 : lineCounter.linePos(offset).line;
  const where = line ? `${source}:${line}` : source;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issuePath);
    return { line, text: `${where}: ${key}: unknown key; expected one of ${known.join(', ')}` };
  }
  const value = doc.getIn(issuePath);
  const got =
    value === undefined || typeof value === 'object' ? '' : ` (got ${JSON.stringify(value)})`;
  return { line, text: `${where}: ${key}: ${issue.message}${got}` };
}

// The keys the schema allows at a path of obs.yaml, for the message about an unknown one.
function knownKeys(keyPath: string[]): string[] {
  let schema: unknown = configFileSchema;
  for (const key of keyPath) {
    const shape = (unwrap(schema) as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[key];
  }
  return Object.keys((unwrap(schema) as { shape?: Record<string, unknown> }).shape ?? {});
}

function unwrap(schema: unknown): unknown {
  const optional = schema as { unwrap?: () => unknown; shape?: unknown };
  return optional?.shape === undefined && optional?.unwrap ? optional.unwrap() : schema;
}

// The offset of the key itself (a value's range starts after the colon, on the same line).
function findKeyNode(doc: ReturnType<typeof parseDocument>, keys: string[]): number | undefined {
  if (keys.length === 0) return undefined;
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  const items = (parent as { items?: { key?: { value?: unknown; range?: number[] } }[] })?.items;
  const pair = items?.find((item) => String(item.key?.value) === keys.at(-1));
  return pair?.key?.range?.[0];
}
