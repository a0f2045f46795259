import { Validations } from 'aws-cdk-lib';
import { acknowledgeWildcardFindings } from './nag-acknowledgements';
import type { SyncStack } from './sync/sync-stack';

/**
 * Acknowledges the cdk-nag findings on resources that `AmplifyGraphqlApi` generates inside the
 * sync stack, whose properties this project does not set.
 */
export function acknowledgeSyncStackFindings(sync: SyncStack): void {
  const graphqlApi = sync.node.findChild('SyncApi');
  const generated = (id: string) => graphqlApi.node.tryFindChild(id);

  const api = generated('GraphQLAPI');
  if (api) {
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason:
        'The API logs field errors (ERROR) with verbose content excluded, which cdk-nag counts as no request logging; verbose logs would copy check-in variables (sealed guest data, facility ids, stay dates) into CloudWatch.',
    });
    const logsRole = api.node.tryFindChild('ApiLogsRole');
    if (logsRole) {
      Validations.of(logsRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]',
        reason: 'AppSync writes its logs with the managed policy that AWS documents for AppSync logging; aws-cdk-lib creates this role.',
      });
    }
  }

  const logRetention = sync.node.children.find((child) => child.node.id.startsWith('LogRetention'));
  if (logRetention) {
    const reason =
      "aws-cdk-lib's LogRetention function sets the retention of AppSync's log group, which AppSync itself creates; the construct chooses its managed policy and its logs:* grant on every log group.";
    Validations.of(logRetention).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason,
    });
    acknowledgeWildcardFindings(logRetention, reason);
  }

  const deltaSyncTable = generated('DataStore');
  if (deltaSyncTable) {
    Validations.of(deltaSyncTable).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'The DataStore delta-sync table is a short-lived change log with TTL that clients rebuild by a full sync; the CheckIn table itself has point-in-time recovery.',
    });
  }

  const codegenAssets = generated('AmplifyCodegenAssets');
  if (codegenAssets) {
    const reason =
      'Amplify stores its generated model introspection schema here for codegen tools; the bucket holds no guest data and is not served.';
    Validations.of(codegenAssets).acknowledge({ id: 'AwsSolutions-S1', reason }, { id: 'AwsSolutions-S10', reason });
  }

  acknowledgeWildcardFindings(
    graphqlApi,
    "Amplify's generated AppSync data source roles reach each model table and its indexes (`<table>/*`).",
  );

  const deviceCheck = sync.node.tryFindChild('ActiveDeviceCheck');
  if (deviceCheck) {
    acknowledgeWildcardFindings(
      deviceCheck,
      'The device check reads kiosk devices through the Directory table index byDeviceUser; aws-cdk-lib grants read access to `<table>/index/*`.',
      (finding) => finding.endsWith('/index/*'),
    );
  }

  const deploymentHandler = sync.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (deploymentHandler) {
    const reason =
      'Amplify deploys its generated model schema with a BucketDeployment; aws-cdk-lib chooses that handler runtime and scopes its grants to the asset bucket and the codegen bucket.';
    Validations.of(deploymentHandler).acknowledge(
      { id: 'AwsSolutions-L1', reason },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason,
      },
    );
    acknowledgeWildcardFindings(deploymentHandler, reason);
  }
}
