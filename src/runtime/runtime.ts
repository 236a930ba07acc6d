import type { Config } from '../config/config.js';
import type { RenderedFile } from '../render/rendered-file.js';
import type { StackModel } from '../stack/model.js';
import type { StackPaths } from '../stack/paths.js';
import type { Secrets } from '../stack/secrets.js';

/** Everything a runtime needs to run one stack: its settings, model, files and secrets. */
export interface StackPlan {
  config: Config;
  model: StackModel;
  paths: StackPaths;
  secrets: Secrets;
  files: RenderedFile[];
  /** Where obs keeps what no single stack owns (the ACA-Py venv, the running-stack registry). */
  home: string;
}

export type ServiceState = 'ready' | 'down' | 'not-installed';

/** One service as a runtime sees it; the same shape for every runtime. */
export interface ServiceStatus {
  name: string;
  state: ServiceState;
  url: string;
  pid?: number;
  detail?: string;
}

/** What `up` reports as each service becomes ready. */
export type UpEvent =
  | { kind: 'ready'; service: string; ms: number; reused: boolean }
  | { kind: 'skipped'; service: string; reason: string };

/** A stack whose services were all ready when it was returned. */
export interface StartedStack {
  services: ServiceStatus[];
  timings: Record<string, number>;
  totalMs: number;
  stop(options?: { purge?: boolean }): Promise<void>;
}

/** Starts, watches and stops a rendered stack; LocalRuntime and DockerRuntime implement it. */
export interface Runtime {
  readonly name: 'local' | 'docker';
  up(plan: StackPlan, onEvent?: (event: UpEvent) => void): Promise<StartedStack>;
  status(plan: StackPlan): Promise<ServiceStatus[]>;
  down(plan: StackPlan, options?: { purge?: boolean }): Promise<void>;
}
