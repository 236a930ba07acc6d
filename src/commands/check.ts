import { Flags } from '@oclif/core';
import chalk from 'chalk';

import { BaseCommand } from '../cli/base-command.js';
import { loadCriteria } from '../conformance/criteria.js';
import { endpointsOfPlan, endpointsOfUrls } from '../conformance/endpoints.js';
import { waitForFreshScrape } from '../conformance/fresh-scrape.js';
import { runChecks } from '../conformance/runner.js';
import { ExitCode, ObsError } from '../errors.js';
import { jsonReport, summarize, tableReport } from '../report/report.js';
import { planStack } from '../runtime/plan.js';

const urlFlag = (service: string) =>
  Flags.url({ summary: `The ${service} of a stack obs did not start.`, helpGroup: 'TARGET' });

const statusMarks = { pass: chalk.green('✔'), skip: chalk.yellow('-'), fail: chalk.red('✖') };

export default class Check extends BaseCommand {
  static summary = 'Prove every acceptance criterion of the story against the running stack.';

  static description = `Reads the criteria (src/conformance/criteria.yaml), queries the running stack only through the \
real APIs of its services, and reports every criterion exactly once: pass, fail with why, or \
skip when a service it needs is not part of the stack (named). Each check retries until its own \
timeout before it fails. Run obs seed first: most criteria are about data the traffic leaves.

By default it checks the stack of obs.yaml; with any --*-url flag it checks only the services \
named, wherever they run.

Exit codes: 0 when nothing failed, 1 when something did, 2 for bad usage.`;

  static examples = [
    { description: 'Check the stack obs started.', command: '<%= config.bin %> check' },
    {
      description: 'Only the metrics criteria, as JSON.',
      command: '<%= config.bin %> check --only metrics --format json',
    },
    {
      description: 'Check a stack obs did not start.',
      command:
        '<%= config.bin %> check --prometheus-url http://127.0.0.1:9090 ' +
        '--api-url http://127.0.0.1:8080 --acapy-agent doctor=http://127.0.0.1:8021#KEY',
    },
  ];

  static flags = {
    format: Flags.string({
      summary: 'How to print the report.',
      options: ['table', 'json'],
      default: 'table',
    }),
    only: Flags.string({
      summary: 'Check only criteria whose id starts with this (repeatable).',
      multiple: true,
    }),
    timeout: Flags.integer({
      summary: 'Seconds one check may retry before it fails.',
      default: 30,
      min: 1,
    }),
    evidence: Flags.boolean({ summary: 'Show the queries each check ran and what came back.' }),
    'prometheus-url': urlFlag('Prometheus'),
    'api-url': urlFlag('prescription API'),
    'alertmanager-url': urlFlag('Alertmanager'),
    'grafana-url': urlFlag('Grafana'),
    'loki-url': urlFlag('Loki'),
    'jaeger-url': urlFlag('Jaeger'),
    'acapy-agent': Flags.string({
      summary:
        'An ACA-Py agent of a stack obs did not start, as name=adminUrl#apiKey (repeatable).',
      multiple: true,
      helpGroup: 'TARGET',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Check);
    const urls = {
      prometheus: flags['prometheus-url']?.href,
      api: flags['api-url']?.href,
      alertmanager: flags['alertmanager-url']?.href,
      grafana: flags['grafana-url']?.href,
      loki: flags['loki-url']?.href,
      jaeger: flags['jaeger-url']?.href,
    };
    const external = Object.values(urls).some(Boolean) || (flags['acapy-agent']?.length ?? 0) > 0;
    let endpoints;
    try {
      endpoints = external
        ? endpointsOfUrls(urls, flags['acapy-agent'] ?? [])
        : endpointsOfPlan(
            await planStack(await this.loadStackConfig(flags.config), { create: false }),
          );
    } catch (error) {
      if (error instanceof ObsError) throw error;
      throw new ObsError('USAGE', (error as Error).message, {
        hint: 'obs check --help shows the form of each flag.',
      });
    }

    const all = loadCriteria();
    const criteria = flags.only
      ? all.filter((c) => flags.only!.some((prefix) => c.id.startsWith(prefix)))
      : all;
    if (criteria.length === 0) {
      throw new ObsError('USAGE', `no criterion id starts with ${flags.only!.join(' or ')}`, {
        hint: 'Ids look like metrics.red or alerts.routing; see src/conformance/criteria.yaml.',
      });
    }

    const prometheus = endpoints.present.get('prometheus');
    if (prometheus) {
      this.progress('Waiting for Prometheus to scrape every target once more');
      await waitForFreshScrape(prometheus, new Date());
    }
    this.progress(
      `Checking ${criteria.length} criteria (each retries for up to ${flags.timeout} s)`,
    );
    const verdicts = await runChecks(criteria, endpoints, {
      timeoutMs: flags.timeout * 1000,
      intervalMs: 2000,
      concurrency: 8,
      onVerdict: (v) => {
        if (flags.format === 'table') return;
        this.progress(`  ${statusMarks[v.status]} ${v.id}`);
      },
    });

    this.log(
      flags.format === 'json' ? jsonReport(verdicts, flags.evidence) : tableReport(verdicts),
    );
    if (flags.evidence && flags.format === 'table') {
      for (const v of verdicts.filter((x) => x.evidence.length)) {
        this.log(`\n${v.id}`);
        for (const e of v.evidence) this.log(`  ${chalk.cyan(e.query)}\n    → ${e.result}`);
      }
    }
    const { passed, failed } = summarize(verdicts);
    if (passed + failed === 0) {
      this.progress(
        chalk.yellow('Nothing was checked: every criterion needs a service this stack lacks.'),
      );
    }
    process.exitCode = failed > 0 ? ExitCode.failure : ExitCode.ok;
  }
}
