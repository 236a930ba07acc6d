import { stringify } from 'yaml';

import type { Config } from '../config/config.js';
import { agentNames, type Secrets } from '../stack/secrets.js';
import type { RenderedFile } from './rendered-file.js';
import { fillTemplate } from './template.js';

/**
 * ACA-Py's own arguments for each agent, as YAML arg files holding the keys (mode 0600). The
 * wallet lives under the agent's home folder, which each runtime points at the agent's data.
 */
export function renderAcapy(config: Config, secrets: Secrets): RenderedFile[] {
  const logging = {
    path: 'acapy/logging.yml',
    content: fillTemplate('acapy/logging.yml', { stack: config.stack }),
  };
  const argFiles = agentNames.map((agent) => {
    const admin = config.ports[`acapy-${agent}`];
    const inbound = config.ports[`acapy-${agent}-inbound`];
    const args = {
      label: `${config.stack}-${agent}`,
      'inbound-transport': [['http', '127.0.0.1', inbound]],
      'outbound-transport': ['http'],
      endpoint: [`http://127.0.0.1:${inbound}`],
      admin: ['127.0.0.1', admin],
      'admin-api-key': secrets.agents[agent].adminKey,
      'webhook-url': [
        `http://127.0.0.1:${config.ports.api}/webhooks/${agent}#${secrets.webhookKey}`,
      ],
      'no-ledger': true,
      'wallet-type': 'askar',
      'wallet-name': `${config.stack}-${agent}`,
      'wallet-key': secrets.agents[agent].walletKey,
      'auto-provision': true,
      'auto-accept-invites': true,
      'auto-accept-requests': true,
      'auto-ping-connection': true,
      'auto-respond-credential-offer': true,
      'auto-respond-credential-request': true,
      'auto-store-credential': true,
      'auto-respond-presentation-request': true,
      'auto-verify-presentation': true,
      // Without it ACA-Py deletes exchange records at done, and their outcome with them.
      'preserve-exchange-records': true,
      'log-level': 'info',
    };
    return { path: `acapy/${agent}.yml`, content: stringify(args), mode: 0o600 };
  });
  return [logging, ...argFiles];
}
