import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addOpenSesameStacks, type OpenSesameStacks } from '../../lib/open-sesame-app';
import { resolveStageConfig, type StageConfig } from '../../lib/stage-config';

/** The `context` object of cdk.json, read the way the CDK CLI passes it to the app. */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8'),
).context;

export interface SynthesizedStage {
  readonly app: App;
  /** Cloud assembly folder of this synthesis. */
  readonly outdir: string;
  readonly config: StageConfig;
  readonly stacks: OpenSesameStacks;
  /** Template of one stack, e.g. `template('api')`. */
  template(stack: keyof OpenSesameStacks): Template;
  /** Plugin reports of `validation-report.json`, written by synthesis. */
  readonly validationReports: readonly PluginReport[];
}

export interface PluginReport {
  readonly pluginName: string;
  readonly violations: readonly { ruleName: string; violatingConstructs?: readonly { constructPath: string }[] }[];
  readonly suppressedViolations?: readonly { ruleName: string; reason?: string; acknowledgedId?: string }[];
}

const synthesized = new Map<string, SynthesizedStage>();

// Registered in every test file that imports this module: its cloud assemblies go after its tests.
afterAll(() => {
  for (const { outdir } of synthesized.values()) fs.rmSync(outdir, { recursive: true, force: true });
  synthesized.clear();
});

/**
 * Synthesizes one stage with cdk-nag, as bin/open-sesame.ts does, into a temporary folder, once
 * per test file. Asset bundling (esbuild, Vite) is skipped: these tests read templates only.
 */
export function synthesizeStage(stage: string): SynthesizedStage {
  const cached = synthesized.get(stage);
  if (cached) return cached;

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `open-sesame-cdk-${stage}-`));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext, stage, 'aws:cdk:bundling-stacks': [] },
  });
  const config = resolveStageConfig(app.node.tryGetContext('stages'), stage, {});
  const stacks = addOpenSesameStacks(app, config);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();

  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  const templates = new Map<keyof OpenSesameStacks, Template>();
  const result: SynthesizedStage = {
    app,
    outdir,
    config,
    stacks,
    validationReports: report.pluginReports,
    template(stack) {
      let template = templates.get(stack);
      if (!template) {
        template = Template.fromStack(stacks[stack]);
        templates.set(stack, template);
      }
      return template;
    },
  };
  synthesized.set(stage, result);
  return result;
}
