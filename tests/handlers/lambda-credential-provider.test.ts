// The credential provider bundled in place of the SDK's default chain: Lambda's environment keys, or the SDK's clear error.
import { afterEach, describe, expect, it } from 'vitest';
import {
  credentialsTreatedAsExpired,
  credentialsWillNeedRefresh,
  defaultProvider,
} from '../../lambda/handlers/lambda-credential-provider.ts';

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('lambda defaultProvider', () => {
  it('returns the keys Lambda sets in the environment', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    delete process.env.AWS_CREDENTIAL_EXPIRATION;
    const c = await defaultProvider()();
    expect(c).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    expect(credentialsWillNeedRefresh(c)).toBe(false);
  });
  it('fails with the SDK error when the environment has no keys', async () => {
    for (const k of KEYS) delete process.env[k];
    await expect(defaultProvider()()).rejects.toThrow(/Unable to find environment variable credentials/);
  });
  it('treats credentials as expired five minutes early', () => {
    const soon = { accessKeyId: 'a', secretAccessKey: 's', expiration: new Date(Date.now() + 60_000) };
    const later = { ...soon, expiration: new Date(Date.now() + 3_600_000) };
    expect([credentialsTreatedAsExpired(soon), credentialsTreatedAsExpired(later), credentialsWillNeedRefresh(later)]).toEqual([
      true,
      false,
      true,
    ]);
  });
});
