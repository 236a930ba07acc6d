import { chmod, chown, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { execa } from 'execa';

import { ObsError } from '../errors.js';
import { writeRendered } from '../render/render-stack.js';
import { inputFileArg, runsLocally, unavailableReason, type PrepareStep } from '../stack/model.js';
import { findBinary, systemUser } from './binaries.js';
import { dependencyLevels } from './order.js';
import { assertNoConflict, assertPortsFree, resolveBinaries, type Runnable } from './preflight.js';
import { probeOnce, waitForReady } from './probe.js';
import { isRunning, portOwner, spawnDetached, stopProcess, tailLines } from './processes.js';
import type { Runtime, ServiceStatus, StackPlan, StartedStack, UpEvent } from './runtime.js';
import { readState, registry, writeState, type LocalState } from './state.js';

/** How long one service may take to become ready before `up` gives up on it. */
const readyTimeoutMs = 90_000;

/** Runs the stack as processes from binaries installed on this machine. */
export class LocalRuntime implements Runtime {
  readonly name = 'local' as const;

  async up(plan: StackPlan, onEvent: (event: UpEvent) => void = () => {}): Promise<StartedStack> {
    const began = Date.now();
    const state = await readState(plan.paths.state, plan.model.name, plan.paths.root);
    const runnable = plan.model.services.filter(runsLocally);
    for (const service of plan.model.services) {
      const reason = unavailableReason(service);
      if (reason) onEvent({ kind: 'skipped', service: service.name, reason });
    }

    const live = new Set(
      runnable
        .filter((s) => state.services[s.name] && isRunning(state.services[s.name]))
        .map((s) => s.name),
    );
    await assertNoConflict(plan);
    const binaries = resolveBinaries(runnable);
    await assertPortsFree(runnable.filter((s) => !live.has(s.name)));

    await writeRendered(plan.paths.config, plan.files);
    await mkdir(plan.paths.logs, { recursive: true, mode: 0o700 });
    state.ports = plan.model.services.flatMap((s) => s.ports);
    await registry.add(plan.home, state);

    const startedHere: string[] = [];
    const timings: Record<string, number> = {};
    const byName = new Map(runnable.map((s) => [s.name, s]));
    const done = new Map<string, Promise<void>>();
    const bring = (service: Runnable): Promise<void> => {
      let promise = done.get(service.name);
      if (!promise) {
        promise = (async () => {
          const dependencies = Promise.all(
            service.dependsOn.filter((d) => byName.has(d)).map((d) => bring(byName.get(d)!)),
          );
          // Handled below; marked now so a failure while this one starts is not "unhandled".
          dependencies.catch(() => {});
          // A service that waits for its dependencies itself starts at once and loads meanwhile;
          // its own time to ready counts from when they are ready.
          const early = service.local.waitsForDependencies === true;
          if (!early) await dependencies;
          const reused = live.has(service.name);
          let started = Date.now();
          if (!reused) {
            await this.start(service, binaries.get(service.name)!, plan, state);
            startedHere.push(service.name);
          }
          if (early) {
            await dependencies;
            started = Math.max(started, Date.now());
          }
          await this.awaitReady(service, plan, state);
          timings[service.name] = Date.now() - started;
          onEvent({ kind: 'ready', service: service.name, ms: timings[service.name], reused });
        })();
        done.set(service.name, promise);
      }
      return promise;
    };

    const results = await Promise.allSettled(runnable.map(bring));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      await this.stopServices(plan, state, startedHere);
      await writeState(plan.paths.state, state);
      if (Object.keys(state.services).length === 0)
        await registry.remove(plan.home, plan.model.name, plan.paths.root);
      throw failure.reason;
    }

    const services = await this.status(plan);
    return {
      services,
      timings,
      totalMs: Date.now() - began,
      stop: (options) => this.down(plan, options),
    };
  }

  async status(plan: StackPlan): Promise<ServiceStatus[]> {
    const state = await readState(plan.paths.state, plan.model.name, plan.paths.root);
    return Promise.all(
      plan.model.services.map(async (service): Promise<ServiceStatus> => {
        const base = { name: service.name, url: service.url };
        const unavailable = unavailableReason(service);
        if (unavailable || !runsLocally(service)) {
          return { ...base, state: 'not-installed', detail: unavailable };
        }
        if (!findBinary(service.local.command)) {
          return {
            ...base,
            state: 'not-installed',
            detail: `install with ${service.local.install}`,
          };
        }
        const tracked = state.services[service.name];
        const running = tracked && isRunning(tracked);
        const ready = running && (await probeOnce(service.readiness));
        return {
          ...base,
          state: ready ? 'ready' : 'down',
          pid: running ? tracked.pid : undefined,
          detail: ready ? undefined : running ? 'running, not ready' : 'not running',
        };
      }),
    );
  }

  async down(plan: StackPlan, options: { purge?: boolean } = {}): Promise<void> {
    const state = await readState(plan.paths.state, plan.model.name, plan.paths.root);
    await this.stopServices(plan, state, Object.keys(state.services));
    await writeState(plan.paths.state, state);
    await registry.remove(plan.home, plan.model.name, plan.paths.root);

    const deadline = Date.now() + 5000;
    const held: string[] = [];
    for (const service of plan.model.services.filter(runsLocally)) {
      for (const port of service.ports) {
        let owner = await portOwner(port);
        while (owner && Date.now() < deadline) {
          await sleep(100);
          owner = await portOwner(port);
        }
        if (owner)
          held.push(
            `port ${port} of ${service.name}: pid ${owner.pid ?? '?'} (${owner.command ?? '?'})`,
          );
      }
    }
    if (held.length > 0) {
      // Data is never deleted under a process that may still use it.
      throw new ObsError(
        'PORTS_STILL_HELD',
        `${held.length} port(s) of stack ${plan.model.name} are still bound`,
        {
          details: held,
          hint:
            'If these are services of this stack that obs lost track of, stop them by pid; ' +
            'then run obs down again.',
        },
      );
    }
    if (options.purge) {
      const dataDirs = plan.model.services.flatMap((s) =>
        runsLocally(s) ? (s.local.dataDirs ?? []) : [],
      );
      for (const dir of dataDirs) {
        await rm(dir, { recursive: true, force: true });
        // A folder made only to hold this one (PostgreSQL's under /var/lib/obs) goes too.
        await rmdir(path.dirname(dir)).catch(() => {});
      }
      await rm(plan.paths.root, { recursive: true, force: true });
    }
  }

  private async start(service: Runnable, binary: string, plan: StackPlan, state: LocalState) {
    const user =
      service.local.runAs && process.getuid?.() === 0 ? systemUser(service.local.runAs) : undefined;
    const dataDirs = service.local.dataDirs ?? [];
    for (const dir of dataDirs) {
      // A service run as another user must be able to pass through the folder above its own.
      await mkdir(path.dirname(dir), { recursive: true, mode: 0o711 });
      if (user) await chmod(path.dirname(dir), 0o711);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      if (user) await chown(dir, user.uid, user.gid);
    }
    const cwd = dataDirs[0] ?? plan.paths.root;
    for (const step of service.local.prepare ?? []) {
      if (await exists(step.creates)) continue;
      await this.prepare(service, step, cwd, user, plan);
    }

    const logFile = path.join(plan.paths.logs, `${service.name}.log`);
    const tracked = spawnDetached({
      command: binary,
      args: service.local.args,
      env: { ...process.env, ...service.local.env },
      logFile,
      cwd,
      uid: user?.uid,
      gid: user?.gid,
    });
    state.services[service.name] = { ...tracked, logFile };
    await writeState(plan.paths.state, state);
  }

  // A step's secret input goes through a file only its user can read, never on the command line.
  private async prepare(
    service: Runnable,
    step: PrepareStep,
    cwd: string,
    user: { uid: number; gid: number } | undefined,
    plan: StackPlan,
  ) {
    const inputFile = path.join(path.dirname(cwd), `.${service.name}-input`);
    const usesFile = step.args.some((arg) => arg.includes(inputFileArg));
    try {
      if (usesFile) {
        await writeFile(inputFile, step.input ?? '', { mode: 0o600 });
        if (user) await chown(inputFile, user.uid, user.gid);
      }
      const args = step.args.map((arg) => arg.replaceAll(inputFileArg, inputFile));
      const input = usesFile ? undefined : step.input;
      await execa(step.command, args, { input, uid: user?.uid, gid: user?.gid, cwd });
      await execa('touch', [step.creates], { uid: user?.uid, gid: user?.gid });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '');
      throw new ObsError(
        'SERVICE_FAILED',
        `${service.name} could not be prepared: ${step.command} failed`,
        {
          cause: error,
          details: stderr.split('\n').filter(Boolean).slice(-10),
          hint: `Look at ${plan.paths.root}, or start afresh with obs down --purge.`,
        },
      );
    } finally {
      if (usesFile) await rm(inputFile, { force: true });
    }
  }

  private async awaitReady(service: Runnable, plan: StackPlan, state: LocalState) {
    const tracked = state.services[service.name];
    const outcome = await waitForReady(service.readiness, {
      timeoutMs: readyTimeoutMs,
      isAlive: () => isRunning(tracked),
    });
    if (outcome === 'ready') return;
    const why =
      outcome === 'exited'
        ? 'exited before it was ready'
        : `was not ready within ${readyTimeoutMs / 1000} s`;
    throw new ObsError('SERVICE_FAILED', `${service.name} ${why}`, {
      details: [`last lines of ${tracked.logFile}:`, ...(await tailLines(tracked.logFile))],
      hint:
        'Every service obs started in this run was stopped. ' +
        `Fix the cause above and run obs up again (logs in ${plan.paths.logs}).`,
    });
  }

  private async stopServices(plan: StackPlan, state: LocalState, names: string[]) {
    // Dependents stop before what they depend on, each level at once.
    for (const level of dependencyLevels(plan.model.services).reverse()) {
      await Promise.all(
        level
          .filter((service) => names.includes(service.name) && state.services[service.name])
          .map(async (service) => {
            const signal = runsLocally(service) ? service.local.stopSignal : undefined;
            await stopProcess(state.services[service.name], signal);
            delete state.services[service.name];
          }),
      );
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return import('node:fs/promises').then((fs) =>
    fs.access(file).then(
      () => true,
      () => false,
    ),
  );
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
