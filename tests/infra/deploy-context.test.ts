// The `-c key=value` deploy context: defaults, every key checked, and a bad value named in the error.
import { describe, expect, it } from 'vitest';
import { DeployContextError, readDeployContext } from '../../infra/deploy-context.ts';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readDeployContext', () => {
  it('has defaults for everything', () => {
    expect(readDeployContext(from({}))).toEqual({
      stage: 'dev',
      domainName: undefined,
      certificateArn: undefined,
      alarmEmail: undefined,
      rebuildSchedule: 'rate(1 day)',
      ingestConcurrency: 10,
      reserveConcurrency: false,
      priceClass: undefined,
      hubUrl: undefined,
    });
  });

  it('reads reserveConcurrency from -c (strings) and cdk.json (booleans)', () => {
    expect(readDeployContext(from({ reserveConcurrency: 'false' })).reserveConcurrency).toBe(false);
    expect(readDeployContext(from({ reserveConcurrency: false })).reserveConcurrency).toBe(false);
    expect(readDeployContext(from({ reserveConcurrency: 'true' })).reserveConcurrency).toBe(true);
    expect(readDeployContext(from({ reserveConcurrency: true })).reserveConcurrency).toBe(true);
  });

  it('reads the price class by its CloudFront name', () => {
    expect(readDeployContext(from({ priceClass: 'PriceClass_All' })).priceClass).toBe('PriceClass_All');
  });

  it.each([
    ['stage', { stage: 'Prod!' }],
    ['certificateArn', { domainName: 'feeds.example.com' }],
    ['certificateArn', { domainName: 'feeds.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' }],
    ['alarmEmail', { alarmEmail: 'not-an-email' }],
    ['rebuildSchedule', { rebuildSchedule: 'daily' }],
    ['ingestConcurrency', { ingestConcurrency: '-1' }],
    ['reserveConcurrency', { reserveConcurrency: 'no' }],
    ['hubUrl', { hubUrl: 'ftp://hub.example' }],
    ['priceClass', { priceClass: 'PriceClass_300' }],
  ])('names %s when its value is wrong', (key, values) => {
    expect(() => readDeployContext(from(values))).toThrow(DeployContextError);
    expect(() => readDeployContext(from(values))).toThrow(`context "${key}"`);
  });
});
