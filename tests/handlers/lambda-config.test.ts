// readLambdaConfig: env → typed config over the bundled nashra.config.json; missing or bad variables named in the error.
import { describe, expect, it } from 'vitest';
import { LambdaConfigError, readLambdaConfig } from '../../lambda/adapters/lambda-config.ts';
import siteJson from '../../nashra.config.json' with { type: 'json' };

const base = { TABLE_NAME: 'articles', BUCKET_NAME: 'site' };

describe('readLambdaConfig', () => {
  it('lays SITE_BASE_URL and HUB_URL over the bundled site config', () => {
    const c = readLambdaConfig({ ...base, STAGE: 'prod', SITE_BASE_URL: 'https://d111.cloudfront.net', HUB_URL: 'https://hub.example/' });
    expect(c).toMatchObject({ tableName: 'articles', bucketName: 'site', stage: 'prod', hubUrl: 'https://hub.example/' });
    expect(c.site.baseUrl).toBe('https://d111.cloudfront.net/');
    expect(c.site.hub).toBe('https://hub.example/');
    expect(c.site.title).toBe(siteJson.title);
    expect(c.site.timeZone).toBe(siteJson.timeZone);
  });
  it('keeps the config file base URL when none is given, and defaults the stage', () => {
    const c = readLambdaConfig(base);
    expect(c.site.baseUrl).toBe(siteJson.baseUrl);
    expect(c.stage).toBe('dev');
    expect(c.hubUrl).toBeUndefined();
  });
  it('names the missing variable', () => {
    expect(() => readLambdaConfig({ BUCKET_NAME: 'b' })).toThrow(LambdaConfigError);
    expect(() => readLambdaConfig({ BUCKET_NAME: 'b' })).toThrow(/TABLE_NAME: is not set/);
    expect(() => readLambdaConfig({ TABLE_NAME: 't', BUCKET_NAME: ' ' })).toThrow(/BUCKET_NAME/);
  });
  it('reads the region and the S3 endpoint the SDK variables name (S3-specific first)', () => {
    const c = readLambdaConfig({
      ...base,
      AWS_REGION: 'me-south-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2',
    });
    expect([c.region, c.s3Endpoint]).toEqual(['me-south-1', 'http://127.0.0.1:2']);
    const d = readLambdaConfig({ ...base, AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    expect([d.region, d.s3Endpoint]).toEqual(['eu-west-1', 'http://127.0.0.1:1']);
    expect([readLambdaConfig(base).region, readLambdaConfig(base).s3Endpoint]).toEqual([undefined, undefined]);
    expect(() => readLambdaConfig({ ...base, AWS_ENDPOINT_URL_S3: 's3.local' })).toThrow(/AWS_ENDPOINT_URL_S3: must be an http\(s\) URL/);
  });
  it('reads the DynamoDB endpoint (DynamoDB-specific first) and AWS_MAX_ATTEMPTS', () => {
    const c = readLambdaConfig({
      ...base,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:3',
      AWS_MAX_ATTEMPTS: '2',
    });
    expect([c.dynamoDbEndpoint, c.s3Endpoint, c.maxAttempts]).toEqual(['http://127.0.0.1:3', 'http://127.0.0.1:1', 2]);
    expect(readLambdaConfig({ ...base, AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }).dynamoDbEndpoint).toBe('http://127.0.0.1:1');
    expect([readLambdaConfig(base).dynamoDbEndpoint, readLambdaConfig(base).maxAttempts]).toEqual([undefined, undefined]);
    expect(() => readLambdaConfig({ ...base, AWS_ENDPOINT_URL_DYNAMODB: 'dynamodb.local' })).toThrow(
      /AWS_ENDPOINT_URL_DYNAMODB: must be an http\(s\) URL/,
    );
    expect(() => readLambdaConfig({ ...base, AWS_MAX_ATTEMPTS: '0' })).toThrow(/AWS_MAX_ATTEMPTS: must be a whole number/);
    expect(() => readLambdaConfig({ ...base, AWS_MAX_ATTEMPTS: 'three' })).toThrow(/AWS_MAX_ATTEMPTS/);
  });
  it('rejects a base URL that is not http(s)', () => {
    expect(() => readLambdaConfig({ ...base, SITE_BASE_URL: 'ftp://x' })).toThrow(/SITE_BASE_URL: must be an http\(s\) URL/);
  });
});
