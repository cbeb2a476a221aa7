// The one real synth: `npm run synth` bundles every handler with the local esbuild (no Docker), offline, and cdk-nag passes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ARTICLE_PARSER_IMPORT } from '../../infra/constructs/nashra-function.ts';

const out = mkdtempSync(path.join(tmpdir(), 'nashra-synth-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('npm run synth bundles the three handlers (ESM + source map) and reports no cdk-nag finding', async () => {
  // No AWS credentials or region: synth must not need them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('CDK_')));
  const { stderr } = await promisify(execFile)('npm', ['run', 'synth', '--', '-o', out], { env, timeout: 170_000, maxBuffer: 64 << 20 });
  const template = JSON.parse(readFileSync(path.join(out, 'Nashra-dev.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  };
  const functions = Object.entries(template.Resources).filter(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && /^(Ingest|Render|Rebuild)Function/.test(id),
  );
  expect(functions).toHaveLength(3);
  for (const [id, fn] of functions) {
    const assetHash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
    const dir = path.join(out, `asset.${assetHash}`);
    expect(existsSync(path.join(dir, 'index.mjs')), id).toBe(true);
    expect(existsSync(path.join(dir, 'index.mjs.map')), id).toBe(true);
    const size = statSync(path.join(dir, 'index.mjs')).size;
    // A real bundle, not an empty stub (each is ≈ 200 KiB or more).
    expect(size, id).toBeGreaterThan(50_000);
    expect(readdirSync(dir).filter((f) => f === 'node_modules')).toEqual([]);
    // Render and rebuild leave the article parser out (HANDLER_EXCLUDED_MODULES): its lazy import stays a bare
    // specifier. If the site service's import changed, the exclusion would silently stop matching and this would fail.
    const lazyParser = readFileSync(path.join(dir, 'index.mjs'), 'utf8').includes(`import(${JSON.stringify(ARTICLE_PARSER_IMPORT)})`);
    expect(lazyParser, id).toBe(id.startsWith('Render') || id.startsWith('Rebuild'));
    // The SDK's default credential chain is aliased to lambda-credential-provider.ts (environment keys only).
    expect(readFileSync(path.join(dir, 'index.mjs'), 'utf8'), id).not.toContain('defaultProvider::fromSSO');
    // No function bundles the SDK's S3 client: the publisher and ingest's incoming/ inbox both go through aws4fetch.
    expect(readFileSync(path.join(dir, 'index.mjs'), 'utf8').includes('"AmazonS3"'), id).toBe(false);
    console.log(`${id.replace(/Function.*/, '')}: index.mjs ${(size / 1024).toFixed(0)} KiB`);
  }
  // A cdk-nag finding fails `npm run synth` (non-zero exit, execFile throws); the report lists plugins with findings.
  const report = JSON.parse(readFileSync(path.join(out, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ pluginName: string; violations: unknown[] }>;
  };
  for (const p of report.pluginReports) expect(p.violations, p.pluginName).toEqual([]);
  expect(stderr).not.toMatch(/docker/i);
}, 180_000);
