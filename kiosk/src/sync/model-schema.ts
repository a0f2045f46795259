import type { ModelField, Schema } from 'aws-amplify/datastore';

/**
 * DataStore model introspection schema of `type CheckIn` in lib/sync/schema.graphql, written by
 * hand in the shape Amplify codegen produces, because the kiosk uses DataStore without codegen.
 * test/unit/sync-model-schema.test.ts fails when the two disagree. `version` is the first 32 hex
 * digits of the SHA-256 of schema.graphql: DataStore clears the local database when it changes.
 *
 * `owner` is left out on purpose: AppSync sets it, and a local `owner: null` in the outbox makes
 * DataStore see the server's reply to a create as a different record, so it would not carry the
 * new `_version` to the queued `imagesUploaded` update, which AppSync then rejects as a conflict.
 */
function requiredScalar(name: string, type: ModelField['type']): ModelField {
  return { name, isArray: false, type, isRequired: true, attributes: [] };
}

export const schema: Schema = {
  models: {
    CheckIn: {
      name: 'CheckIn',
      fields: {
        id: requiredScalar('id', 'ID'),
        facilityId: requiredScalar('facilityId', 'ID'),
        arrivalDate: requiredScalar('arrivalDate', 'AWSDate'),
        departureDate: requiredScalar('departureDate', 'AWSDate'),
        guestCount: requiredScalar('guestCount', 'Int'),
        imageIds: {
          name: 'imageIds',
          isArray: true,
          type: 'String',
          isRequired: true,
          attributes: [],
          isArrayNullable: false,
        },
        imagesUploaded: requiredScalar('imagesUploaded', 'Boolean'),
        sealed: requiredScalar('sealed', 'String'),
        appVersion: { name: 'appVersion', isArray: false, type: 'String', isRequired: false, attributes: [] },
        createdAt: {
          name: 'createdAt',
          isArray: false,
          type: 'AWSDateTime',
          isRequired: false,
          attributes: [],
          isReadOnly: true,
        },
        updatedAt: {
          name: 'updatedAt',
          isArray: false,
          type: 'AWSDateTime',
          isRequired: false,
          attributes: [],
          isReadOnly: true,
        },
      },
      syncable: true,
      pluralName: 'CheckIns',
      attributes: [
        { type: 'model', properties: {} },
        {
          type: 'auth',
          properties: {
            rules: [
              {
                provider: 'userPools',
                ownerField: 'owner',
                allow: 'owner',
                identityClaim: 'cognito:username',
                operations: ['create', 'update', 'read'],
              },
            ],
          },
        },
      ],
    },
  },
  enums: {},
  nonModels: {},
  codegenVersion: '3.4.4',
  version: '6e84c41eb6b1d3988a9a2aec8ffcc338',
};
