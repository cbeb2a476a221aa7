// NashraFunction: every nashra Lambda's defaults in one place (runtime, arch, memory, timeout, logs, tracing, bundling, env).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import siteJson from '../../nashra.config.json' with { type: 'json' };
import { ConfigError, parseSiteConfig, type SiteConfig } from '../../lambda/core/config/index.ts';
import { LEAN_SANITIZER_ALIASES } from './lean-sanitizer-aliases.ts';

/** The repository root: handlers are bundled from `lambda/handlers/<name>.ts`, with `package-lock.json` as the deps lock. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The esbuild settings every handler is bundled with. `bench/cold-start.bench.ts` bundles with the same
 * settings, so the sizes and init times it reports are those of what `npm run synth` ships.
 * ESM was measured against CJS there (see "Bundles and cold start" in README.md); the SDK is bundled (pinned version,
 * one minified file) rather than taken from the runtime.
 */
export const HANDLER_BUNDLING = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  format: OutputFormat.ESM,
  bundleAwsSDK: true,
  mainFields: ['module', 'main'],
  // The SDK's default credential chain reduced to what Lambda uses (environment keys): see lambda-credential-provider.ts.
  // sanitize-html without postcss and with htmlparser2 cut to its Parser (same output; only ingest bundles it): see
  // lean-sanitizer-aliases.ts.
  esbuildArgs: {
    '--alias': ['@aws-sdk/credential-provider-node=./lambda/handlers/lambda-credential-provider.ts', ...LEAN_SANITIZER_ALIASES],
  },
  // ESM bundles of CJS dependencies (the SDK) need `require` in scope.
  banner: "import { createRequire as nashraCreateRequire } from 'module'; const require = nashraCreateRequire(import.meta.url);",
} satisfies BundlingOptions;

/** The handlers under `lambda/handlers/`, by file name. */
export type HandlerName = 'ingest' | 'render' | 'rebuild' | 'rebuild-plan' | 'rebuild-feeds' | 'serve';

/**
 * The article parser (zod, sanitize-html, the date grammar: ~700 KiB minified), as the site service imports it: lazily,
 * on the first `ingest`. esbuild leaves a lazily imported module unevaluated, but it is still in the one-file bundle and
 * node still compiles it at cold start (about 70 ms here). Render, rebuild and serve never ingest, so their bundles
 * leave it out; `tests/infra/bundled-synth.test.ts` checks that the specifier still matches.
 */
export const ARTICLE_PARSER_IMPORT = '../articles/index.ts';

/**
 * Per handler: the modules its bundle leaves out because that handler never loads them (esbuild `external`;
 * calling one would fail with ERR_MODULE_NOT_FOUND). Measured in `bench/cold-start.bench.ts`.
 */
export const HANDLER_EXCLUDED_MODULES: Record<HandlerName, readonly string[]> = {
  ingest: [],
  render: [ARTICLE_PARSER_IMPORT],
  rebuild: [ARTICLE_PARSER_IMPORT],
  'rebuild-plan': [ARTICLE_PARSER_IMPORT],
  'rebuild-feeds': [ARTICLE_PARSER_IMPORT],
  serve: [ARTICLE_PARSER_IMPORT],
};

/** The bundled `nashra.config.json` is invalid: synth stops here instead of every function failing its cold start. */
export class BundledSiteConfigError extends Error {
  constructor(cause: ConfigError) {
    super(`nashra.config.json (bundled into every function): ${cause.message}`);
    this.name = 'BundledSiteConfigError';
  }
}

/**
 * Validates the site config the handlers bundle, at synth time (the handlers validate it again at cold start, with
 * the deploy-time SITE_BASE_URL and HUB_URL laid over it).
 *
 * @example
 * checkBundledSiteConfig({ title: '', baseUrl: 'ftp://x' }) // throws BundledSiteConfigError: … $.title: …
 */
export function checkBundledSiteConfig(value: unknown = siteJson): SiteConfig {
  try {
    return parseSiteConfig(value);
  } catch (error) {
    throw error instanceof ConfigError ? new BundledSiteConfigError(error) : error;
  }
}

export interface NashraFunctionProps {
  /** Which handler file to bundle: `lambda/handlers/<handler>.ts`, export `handler`. */
  handler: HandlerName;
  description: string;
  /** Environment variables (SCREAMING_SNAKE), added to the common ones. */
  environment?: Record<string, string>;
  /** Default 512 MB (more memory = more CPU = faster renders and cold starts). */
  memorySize?: number;
  /** Default 30 s. */
  timeout?: Duration;
  /** Caps concurrent executions; set on the writer paths so a burst cannot flood the table. */
  reservedConcurrentExecutions?: number;
  /** Default one month. */
  logRetention?: RetentionDays;
  /** Production keeps log groups on stack deletion. */
  retainLogs?: boolean;
}

/**
 * A nashra Lambda function: `nodejs22.x` on arm64, bundled by the local esbuild (no Docker), minified
 * with source maps, JSON logs into its own log group with a retention, X-Ray active tracing.
 *
 * @example
 * const render = new NashraFunction(this, 'RenderFunction', { handler: 'render', description: 'Renders feeds' });
 * table.grantStreamRead(render.fn);
 */
export class NashraFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NashraFunctionProps) {
    super(scope, id);
    checkBundledSiteConfig();
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: logs may go to this function's log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `nashra ${props.handler} function`,
    });
    this.logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, 'lambda', 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      role,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      awsSdkConnectionReuse: false,
      ...(props.reservedConcurrentExecutions === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: {
        // No NODE_OPTIONS=--enable-source-maps: loading the 5 MB map costs cold-start time (bench/cold-start.bench.ts);
        // the .map ships beside the bundle, so set it on a function while debugging.
        POWERTOOLS_SERVICE_NAME: 'nashra',
        POWERTOOLS_METRICS_NAMESPACE: 'Nashra',
        NASHRA_FUNCTION: props.handler,
        ...props.environment,
      },
      bundling: { ...HANDLER_BUNDLING, externalModules: [...HANDLER_EXCLUDED_MODULES[props.handler]] },
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to nodejs22.x, the runtime the bundles target (esbuild node22) and were measured for; moving to a newer runtime is a one-line change here.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams accept no resource narrower than "*".',
      },
    );
  }
}
