import chalk from 'chalk';

import type { ServiceStatus } from '../runtime/runtime.js';

const marks: Record<ServiceStatus['state'], string> = {
  ready: chalk.green('ready'),
  down: chalk.red('down'),
  'not-installed': chalk.yellow('not installed'),
};

/** A table of services: name, state, URL and why, one line each. */
export function statusTable(services: ServiceStatus[]): string {
  const width = Math.max(...services.map((s) => s.name.length));
  return services
    .map((s) => {
      const state = marks[s.state].padEnd(24);
      const detail = s.detail ? chalk.dim(`  ${s.detail}`) : '';
      return `${s.name.padEnd(width)}  ${state}${s.url}${detail}`;
    })
    .join('\n');
}
