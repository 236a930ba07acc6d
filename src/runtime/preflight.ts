// The checks before a local start: programs installed, ports free, no other stack in the way.
import { ObsError } from '../errors.js';
import type { LocalProcess, Service } from '../stack/model.js';
import { stackPaths } from '../stack/paths.js';
import { findBinary } from './binaries.js';
import { isRunning, portOwner } from './processes.js';
import type { StackPlan } from './runtime.js';
import { registry } from './state.js';

/** A service the local runtime can run. */
export type Runnable = Service & { local: LocalProcess };

/** The absolute path of every service's program, or one error naming all that are missing. */
export function resolveBinaries(services: Runnable[]): Map<string, string> {
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const service of services) {
    const binary = findBinary(service.local.command);
    if (binary) found.set(service.name, binary);
    else
      missing.push(
        `${service.name}: ${service.local.command} not found; install with ${service.local.install}`,
      );
  }
  if (missing.length > 0) {
    throw new ObsError(
      'BINARY_MISSING',
      `${missing.length} service(s) cannot start: their programs are not installed`,
      {
        details: missing,
        hint: 'Run scripts/setup-local.sh, or leave those services out with disabled: in obs.yaml.',
      },
    );
  }
  return found;
}

/** Fails, naming the port, service and holder, when a service's port is already bound. */
export async function assertPortsFree(services: Service[]): Promise<void> {
  for (const service of services) {
    for (const port of service.ports) {
      const owner = await portOwner(port);
      if (!owner) continue;
      const who = owner.pid ? ` by pid ${owner.pid} (${owner.command})` : '';
      throw new ObsError(
        'PORT_IN_USE',
        `port ${port} for ${service.name} is already in use${who}`,
        {
          hint: `Stop that process, or give ${service.name} another port under ports: in obs.yaml.`,
        },
      );
    }
  }
}

/** Fails when another running stack of this machine holds a port this one needs. */
export async function assertNoConflict(plan: StackPlan): Promise<void> {
  const ours = new Set(plan.model.services.flatMap((s) => s.ports));
  const others = await registry.others(plan.home, plan.paths.root, (dir) => stackPaths(dir).state);
  for (const other of others) {
    if (!Object.values(other.services).some(isRunning)) continue;
    const stopIt = `Stop it with obs down beside its obs.yaml (its data is in ${other.dataDir})`;
    if (other.stack === plan.model.name) {
      throw new ObsError('STACK_CONFLICT', `a stack named ${other.stack} is already running`, {
        hint: `${stopIt}, or give this one another name with stack: in obs.yaml.`,
      });
    }
    const shared = other.ports.filter((port) => ours.has(port));
    if (shared.length > 0) {
      throw new ObsError(
        'STACK_CONFLICT',
        `stack ${other.stack} is already running on port ${shared[0]} and others this stack needs`,
        { hint: `${stopIt}, or give this stack other ports in obs.yaml.` },
      );
    }
  }
}
