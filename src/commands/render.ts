import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Flags } from '@oclif/core';

import { BaseCommand } from '../cli/base-command.js';
import { renderCompose } from '../render/compose.js';
import { writeRendered } from '../render/render-stack.js';
import { planStack } from '../runtime/plan.js';

export default class Render extends BaseCommand {
  static summary = 'Write the rendered configuration of every service, and docker-compose.yml.';

  static description = `Renders the one stack model (obs.yaml over the defaults) into the files each service reads: \
Prometheus' scrape configuration and rules, Alertmanager's routes, the blackbox modules, \
Grafana's provisioning, Loki, Jaeger, ACA-Py's arguments and the API's settings. obs up does \
this itself; this command is for reading them, validating them in CI, or running the stack with \
compose. Files holding secrets are written readable by their owner only.`;

  static examples = [
    {
      description: 'Write the configuration and the compose file into ./.obs.',
      command: '<%= config.bin %> render',
    },
    {
      description: 'Only regenerate docker-compose.yml.',
      command: '<%= config.bin %> render --compose-only --out .',
    },
  ];

  static flags = {
    out: Flags.directory({ summary: 'The folder to write into.', default: '.obs' }),
    'compose-only': Flags.boolean({ summary: 'Write only docker-compose.yml.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Render);
    const config = await this.loadStackConfig(flags.config);
    const plan = await planStack(config, { create: !flags['compose-only'] });
    const composeFile = path.resolve(
      flags['compose-only'] ? flags.out : path.dirname(path.resolve(flags.out)),
      'docker-compose.yml',
    );
    await writeFile(composeFile, renderCompose(plan.model));
    if (!flags['compose-only']) await writeRendered(path.join(flags.out, 'config'), plan.files);
    this.progress(
      flags['compose-only']
        ? `Wrote ${composeFile}`
        : `Wrote ${composeFile} and ${plan.files.length} files under ${path.join(flags.out, 'config')}`,
    );
  }
}
