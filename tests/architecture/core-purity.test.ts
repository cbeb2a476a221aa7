// The core stays pure: no AWS SDK, no node:http, no file system, no process.env, no clock reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, REPO_ROOT, sourceFilesUnder } from './import-graph.ts';

/** Packages and node modules the core may not import, by specifier (read with the same parser as the boundary test). */
const FORBIDDEN_IMPORTS: Array<[RegExp, string]> = [
  [/^@aws-sdk\//, 'the AWS SDK'],
  [/^aws-lambda$/, 'Lambda types'],
  [/^(node:)?(http|https|http2|net|fs|fs\/promises|child_process)$/, 'node I/O modules'],
];

/** What the core may not do in its code, beyond imports. */
const FORBIDDEN_CODE: Array<[RegExp, string]> = [
  [/\bprocess\.env\b/, 'process.env'],
  [/\bDate\.now\(\)|new Date\(\)/, 'a clock read (inject a Clock instead)'],
];

describe('lambda/core purity', () => {
  const files = sourceFilesUnder(['lambda/core']);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.posix.relative('lambda/core', f), f]))('%s imports nothing forbidden', (_rel, file) => {
    const imports = importsOf(file).flatMap(({ specifier }) =>
      FORBIDDEN_IMPORTS.filter(([re]) => re.test(specifier)).map(([, what]) => `${what} (${specifier})`),
    );
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8')
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('//') && !l.trimStart().startsWith('*'))
      .join('\n');
    const code = FORBIDDEN_CODE.filter(([re]) => re.test(text)).map(([, what]) => what);
    expect([...imports, ...code]).toEqual([]);
  });
});
