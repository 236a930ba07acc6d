// The stack as data: every service with its ports, readiness probe, dependencies and the two
// ways to run it. Renderers and runtimes read this; nothing else decides a port or a path.

/** How to tell that a service is ready to serve. */
export type Probe =
  | {
      kind: 'http';
      url: string;
      headers?: Record<string, string>;
      expectJson?: Record<string, unknown>;
    }
  | { kind: 'tcp'; host: string; port: number; send?: string; expect?: string };

/** In a prepare step's arguments, stands for a private file holding the step's input. */
export const inputFileArg = '{inputFile}';

/** A command run once before a service first starts, skipped when `creates` exists. */
export interface PrepareStep {
  command: string;
  args: string[];
  creates: string;
  input?: string;
}

/** How the local runtime runs a service: a process from a binary installed on this machine. */
export interface LocalProcess {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** The system user to run as when obs itself runs as root (PostgreSQL refuses root). */
  runAs?: string;
  /** Folders the process writes to, created (and given to `runAs`) before it starts. */
  dataDirs?: string[];
  prepare?: PrepareStep[];
  /** It retries its own connections, so it may start before what it depends on is ready. */
  waitsForDependencies?: boolean;
  /** The signal that stops it quickly and cleanly (SIGTERM unless said). */
  stopSignal?: NodeJS.Signals;
  /** What installs the binary, for the error when it is missing. */
  install: string;
}

/** How the Docker runtime runs a service: a pinned official image, or one built from this repo. */
export interface ContainerSpec {
  image: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  /** Host path (relative to the rendered config folder, or a named volume) to container path. */
  volumes?: Array<{ source: string; target: string; readOnly?: boolean; named?: boolean }>;
}

export type ServiceKind = 'store' | 'monitoring' | 'exporter' | 'agent' | 'app';

/** One service of the stack. */
export interface Service {
  name: string;
  kind: ServiceKind;
  summary: string;
  /** The URL a person opens, or the address a client connects to. */
  url: string;
  ports: number[];
  readiness: Probe;
  dependsOn: string[];
  /** Where Prometheus scrapes it, if it has metrics. */
  scrape?: { job: string; target: string; path?: string };
  /** The health endpoint probed from outside by the blackbox exporter. */
  health?: string;
  local: LocalProcess | { unavailable: string };
  container: ContainerSpec;
}

/** The whole stack, as rendered for one configuration. */
export interface StackModel {
  name: string;
  services: Service[];
}

/** Whether the local runtime can run this service on this kind of machine. */
export function runsLocally(service: Service): service is Service & { local: LocalProcess } {
  return !('unavailable' in service.local);
}

/** The service by name, or an error that names it. */
export function serviceNamed(model: StackModel, name: string): Service {
  const service = model.services.find((s) => s.name === name);
  if (!service) throw new Error(`no service named ${name} in stack ${model.name}`);
  return service;
}

/** Why the local runtime cannot run this service, or undefined when it can. */
export function unavailableReason(service: Service): string | undefined {
  return 'unavailable' in service.local ? service.local.unavailable : undefined;
}
