// The SDK clients' default credential chain as a Lambda function needs it: the keys Lambda puts in the environment, nothing else.
import { fromEnv } from '@aws-sdk/credential-provider-env';

type CredentialProvider = ReturnType<typeof fromEnv>;
type Credentials = Awaited<ReturnType<CredentialProvider>>;

/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (esbuild alias in `HANDLER_BUNDLING`). Lambda always sets
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and the SDK's own chain resolves them with this same
 * `fromEnv` first; the rest of the chain (SSO, ini files, process, web identity, container and instance metadata)
 * brought ~110 KiB and the STS/SSO clients into every bundle, ~15–25 ms of cold start (bench/cold-start.bench.ts).
 * Without those variables the call fails with the SDK's "Unable to find environment variable credentials."
 *
 * @example
 * await defaultProvider()() //=> { accessKeyId: 'ASIA…', secretAccessKey: '…', sessionToken: '…' }
 */
export function defaultProvider(init: Parameters<typeof fromEnv>[0] = {}): CredentialProvider {
  return fromEnv(init);
}

/** Same contract as the SDK's: credentials with an expiry are refreshed. */
export function credentialsWillNeedRefresh(credentials: Credentials | undefined): boolean {
  return credentials?.expiration !== undefined;
}

/** Same contract as the SDK's: treated as expired five minutes before they are. */
export function credentialsTreatedAsExpired(credentials: Credentials | undefined): boolean {
  return credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
}
