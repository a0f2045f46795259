import { CfnResource, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import iamNoWildcardPermissions from 'cdk-nag/lib/rules/iam/IAMNoWildcardPermissions';
import type { IConstruct } from 'constructs';

/** Selects which IAM5 findings (`Action::…` or `Resource::…`) an acknowledgement covers. */
export type WildcardFindingFilter = (finding: string) => boolean;

/**
 * Acknowledges, with one reason, the cdk-nag `AwsSolutions-IAM5` wildcard findings of every IAM
 * role and policy under `scope` that `accepts` selects.
 *
 * cdk-nag 3 matches each finding by its exact id, and the id contains the flattened resource
 * ARN, which changes form once CDK turns cross-stack references into exports. So the findings
 * are computed by cdk-nag's own rule twice: now, and again during tree validation, which runs
 * after references are resolved and before the policy validation plugins.
 */
export function acknowledgeWildcardFindings(
  scope: IConstruct,
  reason: string,
  accepts: WildcardFindingFilter = () => true,
): void {
  const acknowledgeCurrentFindings = () => {
    for (const construct of scope.node.findAll()) {
      if (!(construct instanceof iam.CfnRole || construct instanceof iam.CfnPolicy)) continue;
      const findings = iamNoWildcardPermissions(construct as CfnResource);
      if (!Array.isArray(findings)) continue;
      const accepted = findings.filter(accepts).map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason }));
      if (accepted.length > 0) Validations.of(construct).acknowledge(...accepted);
    }
  };

  acknowledgeCurrentFindings();
  scope.node.addValidation({
    validate: () => {
      acknowledgeCurrentFindings();
      return [];
    },
  });
}
