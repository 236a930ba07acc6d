import { describe, expect, it } from 'vitest';

import { endpointLabel, methodLabel, statusLabel, UNMATCHED_ENDPOINT } from './route-labels.js';

describe('endpointLabel', () => {
  it('keeps the route template', () => {
    expect(endpointLabel('/prescriptions/:id')).toBe('/prescriptions/:id');
    expect(endpointLabel('/webhooks/:agent/topic/:topic/')).toBe('/webhooks/:agent/topic/:topic/');
  });

  it('gives every request without a route one bounded label', () => {
    expect(endpointLabel(undefined)).toBe(UNMATCHED_ENDPOINT);
    expect(endpointLabel('')).toBe('unmatched');
    expect(endpointLabel('*')).toBe('unmatched');
  });
});

describe('methodLabel', () => {
  it('upper-cases standard methods and folds the rest into OTHER', () => {
    expect(methodLabel('get')).toBe('GET');
    expect(methodLabel('POST')).toBe('POST');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
  });
});

describe('statusLabel', () => {
  it('is the numeric code, or unknown when it is not an HTTP status', () => {
    expect(statusLabel(404)).toBe('404');
    expect(statusLabel(0)).toBe('unknown');
    expect(statusLabel(700)).toBe('unknown');
  });
});
