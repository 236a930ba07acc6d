import { Flags } from '@oclif/core';
import chalk from 'chalk';

import { BaseCommand } from '../cli/base-command.js';
import { ExitCode } from '../errors.js';
import { defaultSeedOptions, runSeed, type SeedSummary } from '../seed/seed.js';

export default class Seed extends BaseCommand {
  static summary = 'Drive realistic prescription traffic through the stack.';

  static description = `Plays the default scenario through the prescription API, as its users would: doctors, patients \
and pharmacists in several regions, complete flows through the real ACA-Py agents (a \
prescription written, issued as a credential, presented, verified and dispensed), some \
verifications that must fail (the wrong patient presents), some bad requests and, where the \
stack allows it, a few injected server errors. It ends with a summary. The default finishes \
within two minutes.

It works against any running stack: --api-url names the API (default: the one in obs.yaml).`;

  static examples = [
    { description: 'Seed the stack obs started.', command: '<%= config.bin %> seed' },
    {
      description: 'Seed more flows, faster.',
      command: '<%= config.bin %> seed --count 60 --rate 4',
    },
    {
      description: 'Seed an API obs did not start, for at most a minute.',
      command: '<%= config.bin %> seed --api-url http://127.0.0.1:8080 --duration 60',
    },
  ];

  static flags = {
    'api-url': Flags.url({
      summary: 'The prescription API to drive (default: the one in obs.yaml).',
    }),
    count: Flags.integer({
      summary: 'How many prescription flows to run.',
      default: defaultSeedOptions.count,
      min: 1,
    }),
    rate: Flags.integer({
      summary: 'Flows started a second.',
      default: defaultSeedOptions.rate,
      min: 1,
      max: 50,
    }),
    duration: Flags.integer({
      summary: 'The most seconds the run may take.',
      default: defaultSeedOptions.durationMs / 1000,
      min: 5,
    }),
    json: Flags.boolean({ summary: 'Print the summary as JSON.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Seed);
    const apiUrl =
      flags['api-url']?.href.replace(/\/$/, '') ??
      `http://127.0.0.1:${(await this.loadStackConfig(flags.config)).ports.api}`;
    this.progress(`Seeding ${apiUrl}: ${flags.count} flows at ${flags.rate}/s`);
    const summary = await runSeed(
      {
        ...defaultSeedOptions,
        apiUrl,
        count: flags.count,
        rate: flags.rate,
        durationMs: flags.duration * 1000,
      },
      (done, total) => this.flowsFinished(done, total),
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    this.log(flags.json ? JSON.stringify(summary, null, 2) : describe(summary));
    if (summary.flows.errors > 0) process.exitCode = ExitCode.failure;
  }

  // On a terminal one line counts up; in a log every flow is a line of its own.
  private flowsFinished(done: number, total: number): void {
    if (!process.stderr.isTTY) return this.progress(`  ${done} of ${total} flows finished`);
    process.stderr.write(`\r  ${done} of ${total} flows finished`);
  }
}

function describe(s: SeedSummary): string {
  const lines = [
    `${chalk.bold('Flows')}: ${s.flows.dispensed} dispensed, ` +
      `${s.flows.verificationFailed} failed verification as planned, ${s.flows.errors} errors`,
    `${chalk.bold('Requests')}: ${s.requests} (${Object.entries(s.statuses)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')})`,
    `${chalk.bold('Latency')}: p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms`,
    `${chalk.bold('Took')}: ${(s.durationMs / 1000).toFixed(1)} s; fault injection ${s.faultInjection}`,
  ];
  if (s.errors.length) lines.push(chalk.red('Errors:'), ...s.errors.map((e) => `  ${e}`));
  return lines.join('\n');
}
