// The CDK app: reads the deploy context (stage, domain, alarms, schedule), builds NashraStack, runs cdk-nag on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NashraStack } from './nashra-stack.ts';
import { readDeployContext } from './deploy-context.ts';

const app = new App();
const context = readDeployContext((key) => app.node.tryGetContext(key));
new NashraStack(app, context.stage === 'prod' ? 'Nashra' : `Nashra-${context.stage}`, {
  ...context,
  description: `nashra: Arabic news feeds (${context.stage})`,
  // Environment-agnostic unless the CLI provides an account/region: synth needs no credentials or lookups.
  ...(process.env.CDK_DEFAULT_REGION ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } } : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
