// `npm run deploy`: bootstraps the account/region when needed (cdk bootstrap is idempotent), deploys, and prints the feed URL, the index URL and the ingest endpoint.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `cdk deploy` writes the stack outputs (git-ignored). */
export const OUTPUTS_FILE = 'cdk-outputs.json';

/**
 * The two CDK commands for the user's arguments (`-c key=value`, `--profile`, …, passed to both).
 *
 * @example
 * deployCommands(['-c', 'stage=prod'])
 * //=> [['cdk', 'bootstrap', '-c', 'stage=prod'], ['cdk', 'deploy', '--all', '--require-approval', 'never', '--outputs-file', 'cdk-outputs.json', '-c', 'stage=prod']]
 */
export function deployCommands(args: readonly string[]): string[][] {
  return [
    ['cdk', 'bootstrap', ...args],
    ['cdk', 'deploy', '--all', '--require-approval', 'never', '--outputs-file', OUTPUTS_FILE, ...args],
  ];
}

/**
 * What a person needs after a deploy, from the outputs file's JSON (`{ "<stack>": { "<output>": "<value>" } }`).
 * Throws when an output is missing (the deploy did not produce this stack).
 *
 * @example
 * deploySummary({ 'Nashra-dev': { SiteUrl: 'https://d1.cloudfront.net/', AllFeedRssUrl: '…/feeds/all.rss', IngestEndpoint: '…/articles', IngestClientPolicyArn: 'arn:…' } })
 * //=> 'Nashra-dev deployed.\n  feed:   …/feeds/all.rss\n  index:  https://d1.cloudfront.net/\n  ingest: POST …/articles …'
 */
export function deploySummary(outputs: Record<string, Record<string, string | undefined>>): string {
  const lines: string[] = [];
  for (const [stack, o] of Object.entries(outputs)) {
    for (const key of ['SiteUrl', 'AllFeedRssUrl', 'IngestEndpoint', 'IngestClientPolicyArn']) {
      if (!o[key]) throw new Error(`${OUTPUTS_FILE}: stack ${stack} has no ${key} output`);
    }
    lines.push(
      `${stack} deployed.`,
      `  feed:   ${o.AllFeedRssUrl}${o.AllFeedAtomUrl ? `  (also ${o.AllFeedAtomUrl}, ${o.AllFeedJsonUrl})` : ''}`,
      `  index:  ${o.SiteUrl}`,
      `  ingest: POST ${o.IngestEndpoint}  (SigV4; attach ${o.IngestClientPolicyArn} to the caller)`,
      ...(o.BucketName ? [`  drop files under s3://${o.BucketName}/incoming/`] : []),
      ...(o.AlarmTopicArn ? [`  alarms: ${o.AlarmTopicArn}`] : []),
    );
  }
  if (lines.length === 0) throw new Error(`${OUTPUTS_FILE}: no stack outputs`);
  return lines.join('\n');
}

function run([cmd = 'cdk', ...args]: string[]): void {
  console.log(`> npx ${cmd} ${args.join(' ')}`);
  const r = spawnSync('npx', ['--no-install', cmd, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const command of deployCommands(process.argv.slice(2))) run(command);
  console.log(`\n${deploySummary(JSON.parse(readFileSync(OUTPUTS_FILE, 'utf8')))}`);
}
