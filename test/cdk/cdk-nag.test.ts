import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthesizeStage } from './synthesized-stage';

/** Findings as `rule at construct path`, so a failure names what to fix. */
function describeViolations(violations: readonly { ruleName: string; violatingConstructs?: readonly { constructPath: string }[]; violatingResources?: readonly { constructPath?: string }[] }[]): string[] {
  return violations.flatMap((violation) =>
    [...(violation.violatingConstructs ?? []), ...(violation.violatingResources ?? [])].map(
      (construct) => `${violation.ruleName} at ${construct.constructPath}`,
    ),
  );
}

describe.each(['dev', 'stg', 'prod'])('cdk-nag AwsSolutions on stage %s', (stage) => {
  test('synthesis reports no findings', () => {
    const reports = synthesizeStage(stage).validationReports;
    const awsSolutions = reports.filter((plugin) => plugin.pluginName.includes('AwsSolutions'));
    expect(awsSolutions.flatMap((plugin) => describeViolations(plugin.violations))).toEqual([]);
  });

  test('rechecking the synthesized app finds nothing', () => {
    const { app } = synthesizeStage(stage);
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(describeViolations(report.violations as never)).toEqual([]);
  });

  test('every acknowledgement gives a reason', () => {
    const { app } = synthesizeStage(stage);
    const weakReasons: string[] = [];
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          if (typeof reason !== 'string' || reason.trim().length < 30) weakReasons.push(`${id} at ${construct.node.path}`);
        }
      }
    }
    expect(weakReasons).toEqual([]);
  });
});

test('cdk-nag check reports an unacknowledged bucket', () => {
  const app = new App();
  new s3.Bucket(new Stack(app, 'Control'), 'Unlogged');

  const report = new AwsSolutionsChecks(app).validateScope(app);

  expect(report.violations.map((violation) => violation.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
});
