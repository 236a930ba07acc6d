import { describe, expect, it } from 'vitest';

import { buildPrescriptionPresentationDefinition } from './credential.js';

describe('buildPrescriptionPresentationDefinition', () => {
  const fieldsOf = (input: Parameters<typeof buildPrescriptionPresentationDefinition>[0]) =>
    buildPrescriptionPresentationDefinition(input).input_descriptors[0].constraints.fields;

  it('asks for the prescription by id alone when nothing else is known', () => {
    const fields = fieldsOf({ definitionId: 'd', prescriptionId: 'RX-1' });
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatchObject({
      path: ['$.credentialSubject.prescriptionId'],
      filter: { const: 'RX-1' },
    });
  });

  it('pins the issuer and the subject, so one wallet of many patients cannot present another one', () => {
    const fields = fieldsOf({
      definitionId: 'd',
      prescriptionId: 'RX-1',
      issuerDid: 'did:key:doctor',
      subjectDid: 'did:key:patient',
    });
    expect(fields.map((f) => f.filter?.const)).toEqual([
      'RX-1',
      'did:key:doctor',
      'did:key:patient',
    ]);
    expect(fields[2].path).toEqual(['$.credentialSubject.id']);
  });
});
