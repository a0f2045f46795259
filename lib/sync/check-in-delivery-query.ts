import path from 'node:path';
import type { AmplifyGraphqlApi } from '@aws-amplify/graphql-api-construct';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { ActiveDeviceCheck } from './active-device-check';

export interface CheckInDeliveryQueryProps {
  readonly api: AmplifyGraphqlApi;
  /** Table of synced check-ins, read by id only. */
  readonly checkInTable: dynamodb.ITable;
  /** Device check that runs first. Its data source also finds the device that owns the record. */
  readonly deviceCheck: ActiveDeviceCheck;
}

const templateDirectory = path.join(__dirname, 'check-in-delivery');

/** The query's part of the sync schema, apart from the models (see its header). */
export const checkInDeliverySchemaPath = path.join(templateDirectory, 'schema.graphql');

function template(name: string): appsync.MappingTemplate {
  return appsync.MappingTemplate.fromFile(path.join(templateDirectory, name));
}

/**
 * Query `checkInDelivery(id, sealed)`, which returns how far the server has taken a check-in that
 * the calling kiosk holds. It also covers a record that an earlier device of the same facility
 * stored, as happens when staff pair a revoked tablet again. The caller sends the record's sealed
 * content and gets one status value. A record of another facility or tenant reads as NOT_STORED.
 */
export class CheckInDeliveryQuery extends Construct {
  constructor(scope: Construct, id: string, props: CheckInDeliveryQueryProps) {
    super(scope, id);
    const graphqlApi = props.api.resources.graphqlApi;
    const checkIns = new appsync.DynamoDbDataSource(this, 'CheckInRecords', {
      api: graphqlApi,
      table: props.checkInTable,
      name: 'CheckInRecords',
      description: 'Check-ins read by id for the delivery status that the checkInDelivery query returns',
      readOnlyAccess: true,
    });
    const readRecord = new appsync.AppsyncFunction(this, 'ReadRecord', {
      api: graphqlApi,
      dataSource: checkIns,
      name: 'readCheckInRecord',
      requestMappingTemplate: template('read-record.request.vtl'),
      responseMappingTemplate: template('read-record.response.vtl'),
    });
    const findOwner = new appsync.AppsyncFunction(this, 'FindOwner', {
      api: graphqlApi,
      dataSource: props.deviceCheck.directory,
      name: 'findCheckInOwnerDevice',
      requestMappingTemplate: template('find-owner.request.vtl'),
      responseMappingTemplate: template('find-owner.response.vtl'),
    });
    new appsync.Resolver(this, 'Resolver', {
      api: graphqlApi,
      typeName: 'Query',
      fieldName: 'checkInDelivery',
      pipelineConfig: [props.deviceCheck.function, readRecord, findOwner],
      requestMappingTemplate: template('request.vtl'),
      responseMappingTemplate: template('response.vtl'),
    });
  }
}
