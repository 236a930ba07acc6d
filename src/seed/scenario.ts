import { randomUUID } from 'node:crypto';

import type { Answer, PrescriptionApiClient, SeedUser } from './api-client.js';

/** The people of a scenario, by role. */
export interface Cast {
  doctors: SeedUser[];
  patients: SeedUser[];
  pharmacists: SeedUser[];
}

/** How one flow ended. */
export type FlowResult = 'dispensed' | 'verification_failed' | 'error';

const medications = ['amoxicillin', 'ibuprofen', 'metformin', 'atorvastatin', 'salbutamol'];

/** A marker planted in personal data so a check can prove it never reaches a log or a label. */
export const canaryMarker = 'obs-canary';

/** How many registrations run at once: each patient's makes two connections between agents. */
const registrationConcurrency = 3;

/** Registers the cast: users of each role spread over the regions. */
export async function registerCast(
  api: PrescriptionApiClient,
  sizes: { doctors: number; patients: number; pharmacists: number },
  regions: string[],
): Promise<Cast> {
  const register = async (role: SeedUser['role'], index: number): Promise<SeedUser> => {
    const region = regions[index % regions.length];
    const name = `${canaryMarker}-${role}-${randomUUID().slice(0, 8)}`;
    const attempt = () =>
      api.request<{ id: string; token: string }>('POST', '/users', {
        body: { role, region, name },
      });
    // A client retries once what the API answers as a passing agent fault (502, 503).
    let answer = await attempt();
    if (answer.status === 502 || answer.status === 503) answer = await attempt();
    if (answer.status !== 201) {
      throw new Error(
        `registering a ${role} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return { id: answer.body.id, role, region, token: answer.body.token };
  };
  const wanted = (['doctor', 'patient', 'pharmacist'] as const).flatMap((role) =>
    Array.from({ length: sizes[`${role}s`] }, (_, index) => ({ role, index })),
  );
  const users: SeedUser[] = [];
  for (let i = 0; i < wanted.length; i += registrationConcurrency) {
    const batch = wanted.slice(i, i + registrationConcurrency);
    users.push(...(await Promise.all(batch.map(({ role, index }) => register(role, index)))));
  }
  const byRole = (role: SeedUser['role']) => users.filter((user) => user.role === role);
  return {
    doctors: byRole('doctor'),
    patients: byRole('patient'),
    pharmacists: byRole('pharmacist'),
  };
}

/** Polls a resource until `done` says so, or the time is up. */
async function until<T>(
  fetchOnce: () => Promise<Answer<T>>,
  done: (body: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetchOnce();
    if (answer.status === 200 && done(answer.body)) return answer.body;
    if (Date.now() > deadline)
      throw new Error(`still ${JSON.stringify(answer.body).slice(0, 160)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * One prescription through the whole story: a doctor writes it, the worker issues it to the
 * patient, a patient presents it to a pharmacist, the pharmacist dispenses it if verified. With
 * `impostor`, another patient presents it, and the verification must fail.
 */
export async function prescriptionFlow(
  api: PrescriptionApiClient,
  people: { doctor: SeedUser; patient: SeedUser; pharmacist: SeedUser; impostor?: SeedUser },
  timeoutMs = 45_000,
): Promise<FlowResult> {
  const { doctor, patient, pharmacist, impostor } = people;
  const created = await api.request<{ id: string }>('POST', '/prescriptions', {
    user: doctor,
    body: {
      patientId: patient.id,
      medication: medications[Math.floor(Math.random() * medications.length)],
      dosage: '1 tablet twice a day',
    },
  });
  if (created.status !== 202) {
    throw new Error(
      `creating a prescription answered ${created.status}: ${JSON.stringify(created.body)}`,
    );
  }
  const id = created.body.id;

  await until<{ state: string }>(
    () => api.request('GET', `/prescriptions/${id}`, { user: patient }),
    (body) => body.state === 'issued',
    timeoutMs,
  );

  const presenter = impostor ?? patient;
  const requested = await api.request<{ verificationId: string }>(
    'POST',
    `/prescriptions/${id}/verifications`,
    {
      user: pharmacist,
      body: { patientId: presenter.id },
    },
  );
  if (requested.status !== 202)
    throw new Error(`requesting a verification answered ${requested.status}`);

  const verification = await until<{ state: string; result: string | null }>(
    () =>
      api.request('GET', `/verifications/${requested.body.verificationId}`, { user: pharmacist }),
    (body) => body.result === 'success' || body.result === 'failure',
    timeoutMs,
  );
  if (verification.result === 'failure') return 'verification_failed';

  // The pharmacist dispenses what the prescription itself says is verified.
  await until<{ state: string }>(
    () => api.request('GET', `/prescriptions/${id}`, { user: pharmacist }),
    (body) => body.state === 'verified',
    timeoutMs,
  );

  const dispensed = await api.request('POST', `/prescriptions/${id}/dispense`, {
    user: pharmacist,
  });
  if (dispensed.status !== 200) {
    throw new Error(
      `dispensing ${id} answered ${dispensed.status}: ${JSON.stringify(dispensed.body)}`,
    );
  }
  return 'dispensed';
}

/** Requests a careless or hostile client sends: each must get a 4xx, never a 500. */
export async function badRequests(api: PrescriptionApiClient, cast: Cast): Promise<number[]> {
  const doctor = cast.doctors[0];
  const pharmacist = cast.pharmacists[0];
  const answers = await Promise.all([
    api.request('POST', '/prescriptions', { user: doctor, body: { patientId: 'not-a-uuid' } }),
    api.request('POST', '/prescriptions', {
      body: { patientId: cast.patients[0].id, medication: 'x', dosage: 'y' },
    }),
    api.request('POST', '/prescriptions', {
      user: pharmacist,
      body: { patientId: cast.patients[0].id, medication: 'x', dosage: 'y' },
    }),
    api.request('GET', `/prescriptions/${randomUUID()}`, { user: pharmacist }),
    api.request('POST', '/users', {
      body: { role: 'admin', region: 'nowhere', name: `${canaryMarker}-x` },
    }),
    api.request('POST', '/users', { rawBody: '{not json' }),
  ]);
  return answers.map((a) => a.status);
}

/** A request that asks the API for a server error, where the stack allows fault injection. */
export async function injectedFault(api: PrescriptionApiClient, cast: Cast): Promise<number> {
  const answer = await api.request('GET', `/prescriptions/${randomUUID()}`, {
    user: cast.pharmacists[0],
    headers: { 'x-fault-inject': '500' },
  });
  return answer.status;
}
