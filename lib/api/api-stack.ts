import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { checkInTtlAttribute } from '../../lambdas/check-in/check-in-expiry';
import type { StageConfig } from '../stage-config';
import { HandlerFunction } from './handler-function';
import { exportJobSortKeyPrefix } from '../../lambdas/guest-register/register-export-jobs';
import { bindResource, type BindableResources } from './resource-bindings';
import {
  boundResources,
  checkInIngest,
  operationsFunctions,
  registerExportWorker,
  routes,
  scheduledJobs,
  type OperationsFunction,
  type Route,
  type ScheduledJob,
} from './routes';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  /** Repository root; handler entries of routes.ts are relative to it. */
  readonly sourceRoot: string;
  readonly resources: BindableResources;
  readonly userPool: cognito.IUserPool;
  readonly adminWebClient: cognito.IUserPoolClient;
  readonly kioskClient: cognito.IUserPoolClient;
  /** The AppSync CheckIn table; its stream feeds the ingest function. */
  readonly checkInTable: dynamodb.ITable;
  /** Origins of the kiosk and admin-web apps (`https://host`), allowed by CORS. */
  readonly webOrigins: readonly string[];
}

/**
 * The HTTP API of lib/api/routes.ts, one handler per route, the stream consumer that turns
 * synced kiosk check-ins into register entries, and the register export worker.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  /** Base URL of the API without a trailing slash, e.g. `https://abc.execute-api.ap-northeast-1.amazonaws.com`. */
  readonly apiUrl: string;
  /** Route handlers keyed by `METHOD path`, e.g. `GET /me`. */
  readonly routeHandlers: ReadonlyMap<string, HandlerFunction>;
  readonly ingestHandler: HandlerFunction;
  /** Writes the register exports that the export routes queue, started by the Register table's stream. */
  readonly exportWorker: HandlerFunction;
  /** Scheduled job handlers keyed by entry, e.g. `lambdas/reports/send-report-notices.ts`. */
  readonly scheduledHandlers: ReadonlyMap<string, HandlerFunction>;
  /** Functions that platform operators invoke by hand, keyed by entry. */
  readonly operationsHandlers: ReadonlyMap<string, HandlerFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: `OPEN SESAME! ${config.name} admin and kiosk API`,
      corsPreflight: {
        allowOrigins: [...props.webOrigins],
        allowMethods: [apigwv2.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    this.apiUrl = this.httpApi.apiEndpoint;
    this.configureDefaultStage(config);

    // Each authorizer accepts tokens of one app client only, so a kiosk token cannot call
    // operator routes even before the handler checks the user's group.
    const authorizers: Record<'operator' | 'device', HttpUserPoolAuthorizer> = {
      operator: new HttpUserPoolAuthorizer('OperatorAuthorizer', props.userPool, {
        userPoolClients: [props.adminWebClient],
      }),
      device: new HttpUserPoolAuthorizer('DeviceAuthorizer', props.userPool, {
        userPoolClients: [props.kioskClient],
      }),
    };

    const routeHandlers = new Map<string, HandlerFunction>();
    for (const route of routes) {
      const handler = new HandlerFunction(this, handlerId(route.entry), {
        config,
        sourceRoot: props.sourceRoot,
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        timeout: route.timeoutSeconds === undefined ? undefined : Duration.seconds(route.timeoutSeconds),
        bundledFiles: route.bundledFiles,
        nodeOptions: route.nodeOptions,
      });
      for (const resource of boundResources(route)) {
        bindResource(handler.function, resource, props.resources, route.access ?? (route.method === 'GET' ? 'read' : 'write'));
      }
      this.addRoute(route, handler, route.auth === 'pairing-code' ? undefined : authorizers[route.auth]);
      routeHandlers.set(`${route.method} ${route.path}`, handler);
    }
    this.routeHandlers = routeHandlers;

    this.ingestHandler = this.createIngestHandler(props);
    this.exportWorker = this.createExportWorker(props);
    this.scheduledHandlers = new Map(scheduledJobs.map((job) => [job.entry, this.createScheduledHandler(props, job)]));
    this.operationsHandlers = new Map(operationsFunctions.map((operation) => [operation.entry, this.createOperationsHandler(props, operation)]));

    new CfnOutput(this, 'ApiUrl', { value: this.apiUrl });
  }

  private addRoute(route: Route, handler: HandlerFunction, authorizer: HttpUserPoolAuthorizer | undefined): void {
    const [httpRoute] = this.httpApi.addRoutes({
      path: route.path,
      methods: [apigwv2.HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${handlerId(route.entry)}Integration`, handler.function),
      authorizer: authorizer ?? new apigwv2.HttpNoneAuthorizer(),
    });

    if (!authorizer) {
      Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Pairing is how a kiosk obtains its first credentials, so it cannot carry a JWT; the single-use pairing code (valid 10 minutes, stored hashed) in the body is the credential, checked by the handler.',
        });
    }
  }

  private createScheduledHandler(props: ApiStackProps, job: ScheduledJob): HandlerFunction {
    const handler = new HandlerFunction(this, handlerId(job.entry), {
      config: props.config,
      sourceRoot: props.sourceRoot,
      entry: job.entry,
      description: job.description,
      timeout: Duration.minutes(5),
    });
    for (const resource of job.uses) {
      bindResource(handler.function, resource, props.resources, job.writes.includes(resource) ? 'write' : 'read');
    }
    new events.Rule(this, `${handlerId(job.entry)}Schedule`, {
      description: job.description,
      schedule: events.Schedule.cron({ minute: job.cronUtc.minute, hour: job.cronUtc.hour }),
      targets: [new eventTargets.LambdaFunction(handler.function, { retryAttempts: 2 })],
    });
    return handler;
  }

  private createOperationsHandler(props: ApiStackProps, operation: OperationsFunction): HandlerFunction {
    const handler = new HandlerFunction(this, handlerId(operation.entry), {
      config: props.config,
      sourceRoot: props.sourceRoot,
      entry: operation.entry,
      description: operation.description,
      timeout: Duration.minutes(operation.timeoutMinutes),
    });
    for (const resource of operation.uses) {
      bindResource(handler.function, resource, props.resources, 'write');
    }
    new CfnOutput(this, operation.outputName, { value: handler.function.functionName, description: operation.description });
    return handler;
  }

  /** Access logs without request bodies or client IPs, and a throttle for every route. */
  private configureDefaultStage(config: StageConfig): void {
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays,
      removalPolicy: config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const stage = this.httpApi.defaultStage?.node.defaultChild as apigwv2.CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        requestTime: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        integrationStatus: '$context.integrationStatus',
        integrationLatency: '$context.integrationLatency',
        responseLength: '$context.responseLength',
        authorizerError: '$context.authorizer.error',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
  }

  private createIngestHandler(props: ApiStackProps): HandlerFunction {
    const ingest = new HandlerFunction(this, handlerId(checkInIngest.entry), {
      config: props.config,
      sourceRoot: props.sourceRoot,
      entry: checkInIngest.entry,
      description: 'Turns synced kiosk check-ins into guest register entries',
      timeout: Duration.seconds(60),
    });
    for (const resource of checkInIngest.uses) {
      bindResource(ingest.function, resource, props.resources, 'ingest');
    }

    // Records that still fail after the retries land here with their stream position; no
    // guest data is copied into the queue, only the batch metadata.
    const failedBatches = new sqs.Queue(this, 'IngestFailures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failedBatches).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the failure destination of the ingest stream mapping; it has no consumer that could fail.',
      });

    ingest.function.addEventSource(
      new DynamoEventSource(props.checkInTable, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        onFailure: new SqsDlq(failedBatches),
        // Only a check-in whose images are all in S3 is complete enough to ingest. A record with
        // `_ttl` is ingested already (ingest sets it) or deleted (AppSync sets it), so the
        // change that sets it does not invoke ingest again.
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: {
              NewImage: {
                imagesUploaded: { BOOL: lambda.FilterRule.isEqual(true) },
                [checkInTtlAttribute]: { N: lambda.FilterRule.notExists() },
              },
            },
          }),
        ],
      }),
    );
    return ingest;
  }

  private createExportWorker(props: ApiStackProps): HandlerFunction {
    const worker = new HandlerFunction(this, handlerId(registerExportWorker.entry), {
      config: props.config,
      sourceRoot: props.sourceRoot,
      entry: registerExportWorker.entry,
      description: 'Writes the register exports (CSV and PDF) that the export routes queue',
      timeout: Duration.minutes(registerExportWorker.timeoutMinutes),
      memorySize: registerExportWorker.memorySize,
      bundledFiles: registerExportWorker.bundledFiles,
      moduleReplacements: registerExportWorker.moduleReplacements,
      nodeOptions: registerExportWorker.nodeOptions,
    });
    for (const resource of registerExportWorker.uses) {
      bindResource(worker.function, resource, props.resources, 'write');
    }

    // One job per invocation. The worker marks a failed export's job itself, so the mapping
    // retries only when reading, claiming or marking the job throws, and a retry skips a claimed job.
    // NOTE: records with the same partition key run in order, so one tenant's exports run one
    // after another; other tenants' exports run beside them (parallelizationFactor).
    worker.function.addEventSource(
      new DynamoEventSource(props.resources.registerTable, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 1,
        parallelizationFactor: 10,
        retryAttempts: 2,
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { sk: { S: lambda.FilterRule.beginsWith(exportJobSortKeyPrefix) } } },
          }),
        ],
      }),
    );
    return worker;
  }
}

/** Construct id of a handler from its entry file, e.g. `lambdas/device/pair-device.ts` → `PairDevice`. */
function handlerId(entry: string): string {
  return path
    .basename(entry, '.ts')
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
