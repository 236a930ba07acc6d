import { metrics } from '../telemetry/metrics.js';
import type { InstrumentedAgent } from './instrumented-agent.js';

// Creates an ed25519 did:key in the agent's wallet and counts it; returns the DID.
export async function createDidKey(agent: InstrumentedAgent): Promise<string> {
  const info = await agent.call('create_did', (client) => client.createDidKey());
  metrics.didOperations.inc({ operation: 'create', method: 'key' });
  return info.did;
}
