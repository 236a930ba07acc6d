import type { VerificationOutcome } from '../acapy/client.js';
import type { VerificationResult } from '../store/verifications.js';

// Why a verification ended as it did; bounded, so it is safe in logs and span attributes.
export type VerdictReason =
  'verified' | 'not_verified' | 'content_mismatch' | 'wrong_holder' | 'abandoned' | 'timeout';

// A verification's result and its reason.
export interface Verdict {
  result: VerificationResult;
  reason: VerdictReason;
}

// Judges a finished exchange: ACA-Py must have verified the proofs, the presentation must hold
// the requested prescription (ACA-Py 0.12 calls an empty signed presentation verified), and
// its subject must be the patient who was asked.
export function verdictOf(
  outcome: VerificationOutcome,
  acapyVerified: boolean,
  presenterDid: string,
): Verdict {
  if (outcome.state === 'abandoned') return { result: 'failure', reason: 'abandoned' };
  if (!acapyVerified) return { result: 'failure', reason: 'not_verified' };
  if (!outcome.verified) return { result: 'failure', reason: 'content_mismatch' };
  if (outcome.prescription?.id !== presenterDid)
    return { result: 'failure', reason: 'wrong_holder' };

  return { result: 'success', reason: 'verified' };
}
