// Reads and checks the `-c key=value` deploy context into typed stack props; a bad value fails synth with its name.
import { PriceClass } from 'aws-cdk-lib/aws-cloudfront';
import type { NashraStackProps } from './nashra-stack.ts';

export type DeployContext = Pick<
  NashraStackProps,
  | 'stage'
  | 'domainName'
  | 'certificateArn'
  | 'alarmEmail'
  | 'rebuildSchedule'
  | 'ingestConcurrency'
  | 'reserveConcurrency'
  | 'priceClass'
  | 'hubUrl'
>;

export class DeployContextError extends Error {
  constructor(key: string, message: string) {
    super(`context "${key}": ${message}`);
    this.name = 'DeployContextError';
  }
}

/**
 * Reads the deploy context. Keys: stage (default "dev"), domainName + certificateArn (both or neither),
 * alarmEmail, rebuildSchedule (default "rate(1 day)"), reserveConcurrency (default false: a new account allows no
 * reservation; "true" reserves ingestConcurrency, default 10, for ingest), priceClass (PriceClass_100, _200 or _All;
 * default _200), hubUrl.
 *
 * @example
 * readDeployContext((k) => ({ stage: 'prod' })[k]) //=> { stage: 'prod', rebuildSchedule: 'rate(1 day)', reserveConcurrency: false, … }
 */
export function readDeployContext(get: (key: string) => unknown): DeployContext {
  const text = (key: string): string | undefined => {
    const v = get(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new DeployContextError(key, 'must be a string');
    return v;
  };
  const stage = text('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,20}$/.test(stage)) throw new DeployContextError('stage', 'must be lower-case letters, digits and "-"');
  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new DeployContextError(domainName ? 'certificateArn' : 'domainName', 'domainName and certificateArn go together');
  }
  if (certificateArn && !/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\//.test(certificateArn)) {
    throw new DeployContextError('certificateArn', 'must be an ACM certificate ARN in us-east-1 (CloudFront needs it there)');
  }
  const alarmEmail = text('alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new DeployContextError('alarmEmail', 'must be an email address');
  const rebuildSchedule = text('rebuildSchedule') ?? 'rate(1 day)';
  if (!/^(rate|cron)\(.+\)$/.test(rebuildSchedule)) throw new DeployContextError('rebuildSchedule', 'must be rate(...) or cron(...)');
  const rawConcurrency = get('ingestConcurrency');
  const ingestConcurrency = rawConcurrency === undefined ? 10 : Number(rawConcurrency);
  if (!Number.isInteger(ingestConcurrency) || ingestConcurrency < 0) {
    throw new DeployContextError('ingestConcurrency', 'must be a whole number ≥ 0');
  }
  const rawReserve = get('reserveConcurrency');
  if (rawReserve !== undefined && !['true', 'false', true, false].includes(rawReserve as string | boolean)) {
    throw new DeployContextError('reserveConcurrency', 'must be true or false');
  }
  const reserveConcurrency = rawReserve === true || rawReserve === 'true';
  const rawPriceClass = text('priceClass');
  const priceClasses = Object.values(PriceClass) as string[];
  if (rawPriceClass && !priceClasses.includes(rawPriceClass)) {
    throw new DeployContextError('priceClass', `must be one of ${priceClasses.join(', ')}`);
  }
  const priceClass = rawPriceClass as PriceClass | undefined;
  const hubUrl = text('hubUrl');
  if (hubUrl && !/^https?:\/\//.test(hubUrl)) throw new DeployContextError('hubUrl', 'must be an http(s) URL');
  return { stage, domainName, certificateArn, alarmEmail, rebuildSchedule, ingestConcurrency, reserveConcurrency, priceClass, hubUrl };
}
