// Test helper: builds NashraStack in a fresh App with cdk-nag attached, bundling skipped (template tests need no esbuild run).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NashraStack, type NashraStackProps } from '../../infra/nashra-stack.ts';

export interface SynthResult {
  stack: NashraStack;
  template: Template;
  /** Unsuppressed policy-validation violations (cdk-nag), as "RuleId at path: description". */
  violations: string[];
}

interface ValidationReport {
  pluginReports?: Array<{
    violations?: Array<{
      ruleName: string;
      description?: string;
      violatingConstructs?: Array<{ constructPath?: string }>;
      suppressed?: boolean;
    }>;
  }>;
}

/** Synthesizes one stack (bundling skipped via `aws:cdk:bundling-stacks`) and returns its template and nag violations. */
export function synthStack(props: Partial<NashraStackProps> = {}): SynthResult {
  // The feature flags pinned in cdk.json, as `npm run synth` applies them.
  const pinned = (
    JSON.parse(readFileSync(path.join(import.meta.dirname, '../../cdk.json'), 'utf8')) as { context: Record<string, unknown> }
  ).context;
  const app = new App({ context: { ...pinned, 'aws:cdk:bundling-stacks': [] } });
  const stack = new NashraStack(app, 'NashraTest', { stage: 'dev', ...props });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let violations: string[] = [];
  let assemblyDir: string;
  try {
    assemblyDir = app.synth().directory;
  } catch (error) {
    violations = [String(error)];
    return { stack, template: Template.fromJSON({}), violations };
  }
  const reportFile = path.join(assemblyDir, 'validation-report.json');
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport;
    for (const p of report.pluginReports ?? []) {
      for (const v of p.violations ?? []) {
        violations.push(`${v.ruleName} at ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`);
      }
    }
  } catch {
    // No report file: nothing was reported.
  }
  return { stack, template: Template.fromStack(stack), violations };
}
