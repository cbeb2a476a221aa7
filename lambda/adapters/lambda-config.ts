// Lambda environment → typed config, read once per cold start; a missing or bad variable fails fast with its name.
import siteJson from '../../nashra.config.json' with { type: 'json' };
import { parseSiteConfig, type SiteConfig } from '../core/config/index.ts';

/**
 * Everything a handler needs, from the environment. The site config is the repository's `nashra.config.json`,
 * bundled into each function by esbuild (one source of truth, versioned with the code, no 4 KB env limit; validated
 * at synth by `checkBundledSiteConfig`, and again here at cold start with the zod/mini schema, a few ms), with the
 * deploy-time values laid over it: `SITE_BASE_URL` (the CloudFront or custom domain) and `HUB_URL`.
 */
export interface LambdaConfig {
  tableName: string;
  bucketName: string;
  /** LEDGER_TABLE_NAME: the publish ledger (render, rebuild); without it documents are published unordered. */
  ledgerTableName: string | undefined;
  /** DISTRIBUTION_ID: the CloudFront distribution whose cached archive pages render and rebuild invalidate on change. */
  distributionId: string | undefined;
  /** "dev", "prod", … */
  stage: string;
  site: SiteConfig;
  /** WebSub hub to ping after publishing, when configured. */
  hubUrl: string | undefined;
  /** Path-style S3 addressing (local S3 servers); AWS uses virtual-hosted style. */
  s3ForcePathStyle: boolean;
  /** AWS_REGION (Lambda always sets it), else AWS_DEFAULT_REGION. */
  region: string | undefined;
  /** Another S3 endpoint (AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL: the SDK's own variables), e.g. s3rver in tests. */
  s3Endpoint: string | undefined;
  /** Another DynamoDB endpoint (AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL: the SDK's own variables), e.g. dynalite in tests. */
  dynamoDbEndpoint: string | undefined;
  /** AWS_MAX_ATTEMPTS (the SDK's variable): attempts per DynamoDB request, first included; undefined = the client's default. */
  maxAttempts: number | undefined;
}

/** A missing or invalid environment variable. */
export class LambdaConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`environment variable ${variable}: ${problem}`);
    this.name = 'LambdaConfigError';
  }
}

/**
 * Reads the handler config from an environment (default `process.env`).
 *
 * @example
 * readLambdaConfig({ TABLE_NAME: 't', BUCKET_NAME: 'b', SITE_BASE_URL: 'https://d111.cloudfront.net/' }).site.baseUrl
 * //=> 'https://d111.cloudfront.net/'
 */
export function readLambdaConfig(env: Record<string, string | undefined> = process.env): LambdaConfig {
  const required = (name: string): string => {
    const v = env[name]?.trim();
    if (!v) throw new LambdaConfigError(name, 'is not set');
    return v;
  };
  const url = (name: string): string | undefined => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    if (!/^https?:\/\/[^\s/]+/.test(v)) throw new LambdaConfigError(name, `must be an http(s) URL, got "${v}"`);
    return v;
  };
  const positiveInteger = (name: string): number | undefined => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    if (!/^[1-9]\d{0,2}$/.test(v)) throw new LambdaConfigError(name, `must be a whole number from 1 to 999, got "${v}"`);
    return Number(v);
  };
  const baseUrl = url('SITE_BASE_URL');
  const hubUrl = url('HUB_URL');
  let site: SiteConfig;
  try {
    site = parseSiteConfig({ ...siteJson, ...(baseUrl ? { baseUrl } : {}), ...(hubUrl ? { hub: hubUrl } : {}) });
  } catch (error) {
    throw new LambdaConfigError(baseUrl || hubUrl ? 'SITE_BASE_URL/HUB_URL over nashra.config.json' : 'nashra.config.json', String(error));
  }
  return {
    tableName: required('TABLE_NAME'),
    bucketName: required('BUCKET_NAME'),
    ledgerTableName: env.LEDGER_TABLE_NAME?.trim() || undefined,
    distributionId: env.DISTRIBUTION_ID?.trim() || undefined,
    stage: env.STAGE?.trim() || 'dev',
    site,
    hubUrl: site.hub,
    s3ForcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    region: env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || undefined,
    s3Endpoint: url('AWS_ENDPOINT_URL_S3') ?? url('AWS_ENDPOINT_URL'),
    dynamoDbEndpoint: url('AWS_ENDPOINT_URL_DYNAMODB') ?? url('AWS_ENDPOINT_URL'),
    maxAttempts: positiveInteger('AWS_MAX_ATTEMPTS'),
  };
}
