import { Flags } from '@oclif/core';
import chalk from 'chalk';

import { BaseCommand, runtimeFlag } from '../cli/base-command.js';
import { statusTable } from '../cli/render-status.js';

export default class Up extends BaseCommand {
  static summary = 'Start the stack and wait until every service is ready.';

  static description = `\
Renders the configuration of every service from one model (obs.yaml over the built-in defaults), \
starts the services that are not running yet, independent ones in parallel, and waits for each \
one's readiness endpoint. Running it again is safe: what runs is left alone. On a failure it \
stops what it started and prints the failing service's last log lines.

Runtimes: local runs every service as a process from programs installed on this machine \
(scripts/setup-local.sh installs them). The docker runtime is not built yet: --runtime docker \
says so, and where a Docker Engine answers obs warns and runs local. Data survives obs down; \
only obs down --purge deletes it.

Environment: OBS_CONFIG (the obs.yaml), OBS_HOME (where stacks live), OBS_VENV (the ACA-Py environment).`;

  static examples = [
    { description: 'Start the stack with the defaults.', command: '<%= config.bin %> up' },
    {
      description: 'Start the stack of another obs.yaml as local processes.',
      command: '<%= config.bin %> up --config demo/obs.yaml --runtime local',
    },
    {
      description: 'Start it and print the services as JSON.',
      command: '<%= config.bin %> up --json',
    },
  ];

  static flags = {
    runtime: runtimeFlag,
    json: Flags.boolean({ summary: 'Print the services and their start times as JSON.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Up);
    const { config, runtime, plan } = await this.openStack(flags, true);
    this.progress(
      `Starting stack ${chalk.bold(config.stack)} with the ${runtime.name} runtime (data in ${plan.paths.root})`,
    );

    const started = await runtime.up(plan, (event) => {
      if (event.kind === 'ready') {
        const how = event.reused ? 'already running' : `${(event.ms / 1000).toFixed(1)} s`;
        this.progress(`  ${chalk.green('✔')} ${event.service} ${chalk.dim(how)}`);
      } else {
        this.progress(
          `  ${chalk.yellow('-')} ${event.service} ${chalk.dim(`skipped: ${event.reason}`)}`,
        );
      }
    });

    if (flags.json) {
      this.log(
        JSON.stringify(
          {
            stack: config.stack,
            runtime: runtime.name,
            totalMs: started.totalMs,
            timings: started.timings,
            services: started.services,
          },
          null,
          2,
        ),
      );
      return;
    }
    this.progress(`Ready in ${(started.totalMs / 1000).toFixed(1)} s`);
    this.log(statusTable(started.services));
  }
}
