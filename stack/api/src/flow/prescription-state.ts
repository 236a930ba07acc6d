// The states of a prescription, in the order the happy path visits them.
export const PRESCRIPTION_STATES = [
  'created',
  'issuing',
  'issued',
  'verifying',
  'verified',
  'verification_failed',
  'dispensed',
] as const;

// One state of a prescription.
export type PrescriptionState = (typeof PRESCRIPTION_STATES)[number];

// What moves a prescription on; most come from ACA-Py webhooks.
export type PrescriptionEvent =
  | 'issuance_started'
  | 'credential_stored'
  | 'verification_requested'
  | 'verification_succeeded'
  | 'verification_failed'
  | 'verification_aborted'
  | 'dispensed';

// For each event, the states it may leave from and the state it leads to.
const TRANSITIONS: Record<PrescriptionEvent, { from: PrescriptionState[]; to: PrescriptionState }> =
  {
    issuance_started: { from: ['created'], to: 'issuing' },
    credential_stored: { from: ['issuing'], to: 'issued' },
    verification_requested: { from: ['issued', 'verification_failed'], to: 'verifying' },
    verification_succeeded: { from: ['verifying'], to: 'verified' },
    verification_failed: { from: ['verifying'], to: 'verification_failed' },
    verification_aborted: { from: ['verifying'], to: 'issued' },
    dispensed: { from: ['verified'], to: 'dispensed' },
  };

// The timestamp column each state records when it is entered.
const ENTERED_AT: Record<PrescriptionState, string> = {
  created: 'created_at',
  issuing: 'issuing_at',
  issued: 'issued_at',
  verifying: 'verifying_at',
  verified: 'verified_at',
  verification_failed: 'verification_failed_at',
  dispensed: 'dispensed_at',
};

// The state an event leads to from a state, or undefined when the event is not allowed there.
export function nextState(
  state: PrescriptionState,
  event: PrescriptionEvent,
): PrescriptionState | undefined {
  const transition = TRANSITIONS[event];
  return transition.from.includes(state) ? transition.to : undefined;
}

// The states and target of an event, for a conditional UPDATE that cannot race.
export function transitionOf(event: PrescriptionEvent): {
  from: readonly PrescriptionState[];
  to: PrescriptionState;
} {
  return TRANSITIONS[event];
}

// The column that records when a prescription entered a state.
export function enteredAtColumn(state: PrescriptionState): string {
  return ENTERED_AT[state];
}
