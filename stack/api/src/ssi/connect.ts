import type { ConnRecord } from '../acapy/client.js';
import { inSpan } from '../telemetry/tracer.js';
import { AgentOperationError } from './agent-operation-error.js';
import type { InstrumentedAgent } from './instrumented-agent.js';

// How long a DID Exchange between two local agents may take before we call it failed.
const CONNECT_WAIT_MS = 30_000;

// How often the inviter's connection is read while the handshake runs.
const POLL_INTERVAL_MS = 250;

// Both ends of a new connection.
export interface Connection {
  inviterConnectionId: string;
  inviteeConnectionId: string;
}

// Connects two agents through an out-of-band invitation and waits until the inviter's side is
// active, so a credential or proof request can be sent on it at once. Traced as acapy.connect.
export async function connectAgents(
  inviter: InstrumentedAgent,
  invitee: InstrumentedAgent,
  alias: string,
): Promise<Connection> {
  const attributes = { 'acapy.agent': inviter.name, 'acapy.peer': invitee.name };
  return inSpan('acapy.connect', attributes, async () => {
    try {
      const invitation = await inviter.call('create_invitation', (client) =>
        client.createInvitation(alias),
      );
      const oob = await invitee.call('receive_invitation', (client) =>
        client.receiveInvitation(invitation.invitation, inviter.name),
      );
      const connection = await waitForActive(inviter, invitee, invitation.invi_msg_id);
      if (!oob.connection_id) {
        throw new AgentOperationError(
          invitee.name,
          'connect',
          `${invitee.name} accepted the invitation of ${inviter.name} but reported no connection id`,
        );
      }

      return {
        inviterConnectionId: connection.connection_id,
        inviteeConnectionId: oob.connection_id,
      };
    } catch (err) {
      inviter.countFailure('connect');
      throw err;
    }
  });
}

async function waitForActive(
  inviter: InstrumentedAgent,
  invitee: InstrumentedAgent,
  invitationMsgId: string,
): Promise<ConnRecord> {
  const deadline = Date.now() + CONNECT_WAIT_MS;
  let last: ConnRecord | undefined;

  while (Date.now() < deadline) {
    const found = await inviter.call('list_connections', (client) =>
      client.listConnections({ invitationMsgId }),
    );
    last = found[0];
    if (last && (last.state === 'active' || last.state === 'completed')) return last;
    if (last && (last.state === 'abandoned' || last.state === 'error')) break;

    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  throw new AgentOperationError(
    inviter.name,
    'connect',
    `connection from ${inviter.name} to ${invitee.name} is ${last?.state ?? 'missing'} after ` +
      `${CONNECT_WAIT_MS} ms; check that each agent's --endpoint is reachable from the other`,
  );
}
