// scripts/deploy.ts, offline: the commands it runs for the user's arguments, and what it prints from an outputs file.
import { describe, expect, it } from 'vitest';
import { deployCommands, deploySummary, OUTPUTS_FILE } from '../../scripts/deploy.ts';

const sample = {
  'Nashra-dev': {
    SiteUrl: 'https://d1234abcd.cloudfront.net/',
    AllFeedRssUrl: 'https://d1234abcd.cloudfront.net/feeds/all.rss',
    AllFeedAtomUrl: 'https://d1234abcd.cloudfront.net/feeds/all.atom',
    AllFeedJsonUrl: 'https://d1234abcd.cloudfront.net/feeds/all.json',
    IngestEndpoint: 'https://abc123.execute-api.eu-west-1.amazonaws.com/articles',
    IngestClientPolicyArn: 'arn:aws:iam::123456789012:policy/Nashra-dev-IngestClientPolicy-XYZ',
    BucketName: 'nashra-dev-sitebucket-abc',
    AlarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:Nashra-dev-AlarmTopic',
  },
};

describe('deploy script', () => {
  it('bootstraps, then deploys without prompts into the outputs file, passing the context to both', () => {
    const [bootstrap, deploy] = deployCommands(['-c', 'stage=prod', '--profile', 'news']);
    expect(bootstrap).toEqual(['cdk', 'bootstrap', '-c', 'stage=prod', '--profile', 'news']);
    expect(deploy).toEqual([
      'cdk',
      'deploy',
      '--all',
      '--require-approval',
      'never',
      '--outputs-file',
      OUTPUTS_FILE,
      '-c',
      'stage=prod',
      '--profile',
      'news',
    ]);
  });

  it('prints the feed URL, the index URL and the ingest endpoint with its policy', () => {
    const text = deploySummary(sample);
    expect(text).toContain('Nashra-dev deployed.');
    expect(text).toMatch(/feed: +https:\/\/d1234abcd\.cloudfront\.net\/feeds\/all\.rss/);
    expect(text).toMatch(/index: +https:\/\/d1234abcd\.cloudfront\.net\/\n/);
    expect(text).toContain('ingest: POST https://abc123.execute-api.eu-west-1.amazonaws.com/articles');
    expect(text).toContain('arn:aws:iam::123456789012:policy/Nashra-dev-IngestClientPolicy-XYZ');
  });

  it('a missing output is an error naming it', () => {
    const { IngestEndpoint: _, ...partial } = sample['Nashra-dev'];
    expect(() => deploySummary({ 'Nashra-dev': partial })).toThrow('stack Nashra-dev has no IngestEndpoint output');
    expect(() => deploySummary({})).toThrow('no stack outputs');
  });
});
