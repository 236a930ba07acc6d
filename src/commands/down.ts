import { Flags } from '@oclif/core';
import chalk from 'chalk';

import { BaseCommand, runtimeFlag } from '../cli/base-command.js';

export default class Down extends BaseCommand {
  static summary = 'Stop every service of the stack.';

  static description = `\
Stops what obs up started, dependents first, and waits until none of the stack's ports is bound. \
The data (PostgreSQL, Prometheus' storage, the agents' wallets) and the generated secrets stay, \
so the next obs up carries on; --purge deletes them too.`;

  static examples = [
    { description: 'Stop the stack and keep its data.', command: '<%= config.bin %> down' },
    {
      description: 'Stop the stack and delete its data and secrets.',
      command: '<%= config.bin %> down --purge',
    },
  ];

  static flags = {
    runtime: runtimeFlag,
    purge: Flags.boolean({ summary: "Also delete the stack's data, logs and secrets." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Down);
    const { config, runtime, plan } = await this.openStack(flags, false);
    await runtime.down(plan, { purge: flags.purge });
    this.progress(
      `${chalk.green('✔')} stack ${config.stack} stopped${flags.purge ? `; ${plan.paths.root} deleted` : ''}`,
    );
  }
}
