// AWS credentials as the signed-HTTP adapters (S3Http, DynamoDbHttpClient) take them: fixed values or a provider called before each request.
/** AWS credentials, as Lambda puts them in the environment. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials, or a provider called before each request (e.g. `defaultProvider()`, which re-reads the environment). */
export type AwsCredentialSource = AwsCredentials | (() => Promise<AwsCredentials>);

/**
 * The credentials to sign the next request with.
 *
 * @example
 * await currentAwsCredentials({ accessKeyId: 'AKIA…', secretAccessKey: '…' }) //=> { accessKeyId: 'AKIA…', secretAccessKey: '…' }
 * await currentAwsCredentials(defaultProvider()) // re-reads the environment
 */
export async function currentAwsCredentials(source: AwsCredentialSource): Promise<AwsCredentials> {
  return typeof source === 'function' ? source() : source;
}
