// Accept-Encoding negotiation with q-values.
import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../../../lambda/core/http/negotiate-encoding.ts';

describe('negotiateEncoding', () => {
  it.each([
    [null, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['gzip;q=0.8, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0', 'identity'],
    ['deflate', 'identity'],
    ['x-gzip', 'gzip'],
    ['GZIP ; Q=1', 'gzip'],
    ['identity;q=1, gzip;q=0.5', 'identity'],
    ['gzip;q=bogus', 'identity'],
  ] as const)('%s → %s', (header, want) => {
    expect(negotiateEncoding(header)).toBe(want);
  });
});
