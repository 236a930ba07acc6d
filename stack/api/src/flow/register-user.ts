import { randomUUID } from 'node:crypto';

import type { ApiContext } from '../http/api-context.js';
import { hashToken, markActive, newToken } from '../http/auth.js';
import type { Role } from '../settings.js';
import { connectAgents } from '../ssi/connect.js';
import { createDidKey } from '../ssi/create-did.js';
import { insertUser, type User } from '../store/users.js';

// What a caller registers.
export interface Registration {
  role: Role;
  region: string;
  name: string;
}

// Registers a user: a did:key in their role's agent and, for a patient, connections from the
// doctor and pharmacist agents to the patient agent (the stand-in for the patient's wallet).
export async function registerUser(
  ctx: ApiContext,
  registration: Registration,
): Promise<{ user: User; token: string }> {
  const id = randomUUID();
  const did = await createDidKey(ctx.agents[registration.role]);

  let doctorConnectionId: string | null = null;
  let pharmacistConnectionId: string | null = null;
  if (registration.role === 'patient') {
    const alias = `patient:${id}`;
    const [toDoctor, toPharmacist] = await Promise.all([
      connectAgents(ctx.agents.doctor, ctx.agents.patient, alias),
      connectAgents(ctx.agents.pharmacist, ctx.agents.patient, alias),
    ]);
    doctorConnectionId = toDoctor.inviterConnectionId;
    pharmacistConnectionId = toPharmacist.inviterConnectionId;
    for (const agent of Object.values(ctx.agents)) ctx.monitor.scheduleRefresh(agent);
  }

  const token = newToken();
  const user: User = {
    id,
    role: registration.role,
    region: registration.region,
    did,
    doctorConnectionId,
    pharmacistConnectionId,
  };
  await insertUser(ctx.pool, { ...user, name: registration.name, tokenSha256: hashToken(token) });
  await markActive(ctx, user);

  return { user, token };
}
