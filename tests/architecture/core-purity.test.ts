// The core stays pure: no AWS SDK, no node:http, no file system, no process.env, no clock reads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = path.resolve(import.meta.dirname, '../../lambda/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+['"]@aws-sdk\//, 'the AWS SDK'],
  [/from\s+['"]aws-lambda['"]/, 'Lambda types'],
  [/from\s+['"](node:)?(http|https|http2|net|fs|fs\/promises|child_process)['"]/, 'node I/O modules'],
  [/\bprocess\.env\b/, 'process.env'],
  [/\bDate\.now\(\)|new Date\(\)/, 'a clock read (inject a Clock instead)'],
];

describe('lambda/core purity', () => {
  const files = sourceFiles(coreDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(coreDir, f), f]))('%s imports nothing forbidden', (_rel, file) => {
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('//') && !l.trimStart().startsWith('*'))
      .join('\n');
    const found = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
    expect(found).toEqual([]);
  });
});
