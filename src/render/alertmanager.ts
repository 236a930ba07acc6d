import { stringify } from 'yaml';

import type { StackModel } from '../stack/model.js';
import { header } from './prometheus.js';
import type { RenderedFile } from './rendered-file.js';

/** alertmanager.yml: critical alerts to the pager receiver, warnings to the chat receiver. */
export function renderAlertmanager(model: StackModel): RenderedFile[] {
  const config = {
    route: {
      receiver: 'default',
      group_by: ['alertname', 'service'],
      group_wait: '10s',
      group_interval: '1m',
      repeat_interval: '4h',
      routes: [
        { receiver: 'pager', matchers: ['severity="critical"'], continue: false },
        { receiver: 'chat', matchers: ['severity="warning"'] },
      ],
    },
    receivers: [{ name: 'default' }, { name: 'pager' }, { name: 'chat' }],
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ['service'],
      },
    ],
  };
  return [{ path: 'alertmanager/alertmanager.yml', content: header(model) + stringify(config) }];
}
