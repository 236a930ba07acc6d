import { describe, expect, it } from 'vitest';

import type { VerificationOutcome } from '../acapy/client.js';
import { verdictOf } from './presentation-verdict.js';

const PATIENT = 'did:key:z6MkPatient';
const passed: VerificationOutcome = {
  verified: true,
  state: 'done',
  prescription: {
    id: PATIENT,
    prescriptionId: 'rx-1',
    medication: 'm',
    dosage: 'd',
    region: 'north',
  },
};

describe('verdictOf', () => {
  it('passes a verified presentation of the prescription by its own patient', () => {
    expect(verdictOf(passed, true, PATIENT)).toEqual({ result: 'success', reason: 'verified' });
  });

  it('fails when the holder abandoned the exchange', () => {
    const outcome: VerificationOutcome = { verified: false, state: 'abandoned', reason: 'x' };

    expect(verdictOf(outcome, false, PATIENT)).toEqual({ result: 'failure', reason: 'abandoned' });
  });

  it('fails when ACA-Py did not verify the proofs', () => {
    const outcome: VerificationOutcome = { verified: false, state: 'done', reason: 'x' };

    expect(verdictOf(outcome, false, PATIENT).reason).toBe('not_verified');
  });

  it('fails a verified presentation that does not hold the prescription', () => {
    const outcome: VerificationOutcome = { verified: false, state: 'done', reason: 'empty' };

    expect(verdictOf(outcome, true, PATIENT)).toEqual({
      result: 'failure',
      reason: 'content_mismatch',
    });
  });

  it('fails a prescription presented by a patient who is not its subject', () => {
    expect(verdictOf(passed, true, 'did:key:z6MkSomeoneElse').reason).toBe('wrong_holder');
  });
});
