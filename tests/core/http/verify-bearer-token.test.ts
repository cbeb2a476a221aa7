// Bearer token verification.
import { describe, expect, it } from 'vitest';
import { verifyBearerToken } from '../../../lambda/core/http/verify-bearer-token.ts';

describe('verifyBearerToken', () => {
  it('accepts the exact token only', () => {
    expect(verifyBearerToken('Bearer s3cret', 's3cret')).toBe(true);
    expect(verifyBearerToken('bearer s3cret', 's3cret')).toBe(true);
    expect(verifyBearerToken('Bearer s3cre', 's3cret')).toBe(false);
    expect(verifyBearerToken('Bearer s3crett', 's3cret')).toBe(false);
    expect(verifyBearerToken('Basic s3cret', 's3cret')).toBe(false);
    expect(verifyBearerToken('s3cret', 's3cret')).toBe(false);
    expect(verifyBearerToken(null, 's3cret')).toBe(false);
    expect(verifyBearerToken('Bearer ', '')).toBe(false);
  });
});
