import { Flags } from '@oclif/core';

import { BaseCommand, runtimeFlag } from '../cli/base-command.js';
import { statusTable } from '../cli/render-status.js';

export default class Status extends BaseCommand {
  static summary = 'Show each service of the stack as ready, down or not installed.';

  static description = `Probes every service's readiness endpoint. Exits 0 when every installed service is ready, 1 \
otherwise, so scripts can wait on it.`;

  static examples = [
    { description: 'Show the services.', command: '<%= config.bin %> status' },
    { description: 'Show them as JSON.', command: '<%= config.bin %> status --json' },
  ];

  static flags = {
    runtime: runtimeFlag,
    json: Flags.boolean({ summary: 'Print the services as JSON.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    const { config, runtime, plan } = await this.openStack(flags, false);
    const services = await runtime.status(plan);
    this.log(
      flags.json
        ? JSON.stringify({ stack: config.stack, services }, null, 2)
        : statusTable(services),
    );
    if (services.some((s) => s.state === 'down')) process.exitCode = 1;
  }
}
