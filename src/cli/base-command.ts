import { Command, Flags } from '@oclif/core';
import chalk from 'chalk';

import { loadConfig, type Config } from '../config/config.js';
import { causeChain, ExitCode, ObsError } from '../errors.js';
import { planStack } from '../runtime/plan.js';
import { selectRuntime } from '../runtime/select-runtime.js';

/** What every obs command shares: the configuration flag and one way to report a failure. */
/** The --runtime flag of the commands that run or inspect a stack. */
export const runtimeFlag = Flags.string({
  summary: 'The runtime the stack runs in (default: local; the docker runtime is not built yet).',
  options: ['docker', 'local'],
});

export abstract class BaseCommand extends Command {
  static baseFlags = {
    config: Flags.string({
      char: 'c',
      summary: 'The obs.yaml to use (default: ./obs.yaml if present, else built-in defaults).',
      env: 'OBS_CONFIG',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({ summary: 'Show stack traces of failures.', helpGroup: 'GLOBAL' }),
  };

  protected async loadStackConfig(file?: string): Promise<Config> {
    return loadConfig(file);
  }

  /** The stack of obs.yaml, its plan, and the runtime it runs in; `create` makes its secrets. */
  protected async openStack(flags: { config?: string; runtime?: string }, create: boolean) {
    const config = await this.loadStackConfig(flags.config);
    const runtime = await selectRuntime(flags.runtime, config, (m) =>
      this.progress(chalk.yellow(m)),
    );
    const plan = await planStack(config, { create });
    return { config, runtime, plan };
  }

  /** Progress and warnings go to stderr, so stdout holds only the result. */
  protected progress(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  protected async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }) {
    if (error instanceof ObsError) {
      process.stderr.write(`${chalk.red('✖')} ${error.message}\n`);
      for (const line of error.details) process.stderr.write(`  ${line}\n`);
      const causes = causeChain(error.cause);
      if (causes.length > 0) process.stderr.write(chalk.dim(`  because: ${causes.join(': ')}\n`));
      if (error.hint) process.stderr.write(`${chalk.bold('Try this:')} ${error.hint}\n`);
      if (this.argv.includes('--verbose') || process.env.DEBUG)
        process.stderr.write(`${error.stack}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // oclif's own parse errors (unknown flag, bad option value) are usage errors.
    if (
      error.oclif?.exit === 2 ||
      /Nonexistent flag|Expected .* to be one of|Unexpected argument/.test(error.message)
    ) {
      // oclif ends its message with its own pointer to --help; ours replaces it.
      const message = error.message.replace(/\n*See more help with --help\s*$/, '');
      const help = `${this.config.bin} ${this.id} --help`;
      process.stderr.write(`${chalk.red('✖')} ${message}\n${chalk.bold('Try this:')} ${help}\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    return super.catch(error);
  }
}
