import { describe, expect, it } from 'vitest';

import {
  enteredAtColumn,
  nextState,
  PRESCRIPTION_STATES,
  type PrescriptionEvent,
} from './prescription-state.js';

describe('prescription state machine', () => {
  it('walks the happy path from created to dispensed', () => {
    const events: PrescriptionEvent[] = [
      'issuance_started',
      'credential_stored',
      'verification_requested',
      'verification_succeeded',
      'dispensed',
    ];
    const visited = [];
    let state = nextState('created', events[0] as PrescriptionEvent);
    visited.push(state);
    for (const event of events.slice(1)) {
      state = state && nextState(state, event);
      visited.push(state);
    }

    expect(visited).toEqual(['issuing', 'issued', 'verifying', 'verified', 'dispensed']);
  });

  it('allows a new verification after a failed one', () => {
    expect(nextState('verifying', 'verification_failed')).toBe('verification_failed');
    expect(nextState('verification_failed', 'verification_requested')).toBe('verifying');
  });

  it('returns to issued when a proof request could not be sent', () => {
    expect(nextState('verifying', 'verification_aborted')).toBe('issued');
  });

  it('refuses to dispense anything not verified', () => {
    for (const state of PRESCRIPTION_STATES.filter((s) => s !== 'verified')) {
      expect(nextState(state, 'dispensed')).toBeUndefined();
    }
  });

  it('refuses to verify before the credential is issued', () => {
    expect(nextState('created', 'verification_requested')).toBeUndefined();
    expect(nextState('issuing', 'verification_requested')).toBeUndefined();
    expect(nextState('dispensed', 'verification_requested')).toBeUndefined();
  });

  it('does not issue twice', () => {
    expect(nextState('issuing', 'issuance_started')).toBeUndefined();
    expect(nextState('issued', 'credential_stored')).toBeUndefined();
  });

  it('records every state in its own timestamp column', () => {
    const columns = PRESCRIPTION_STATES.map(enteredAtColumn);

    expect(new Set(columns).size).toBe(PRESCRIPTION_STATES.length);
    expect(enteredAtColumn('verification_failed')).toBe('verification_failed_at');
  });
});
