import { initSchema, type PersistentModelConstructor, type Schema } from 'aws-amplify/datastore';
import type { CheckInRecord } from './check-in-record';

// The record type lives apart from this module, which needs Vite's import.meta.glob.
export type { CheckInRecord };

/**
 * The model class. `fromJSON` exists at runtime on every DataStore model class but is missing
 * from the published PersistentModelConstructor type.
 */
export type CheckInModel = PersistentModelConstructor<CheckInRecord> & {
  fromJSON(json: CheckInRecord): CheckInRecord;
};

// The model introspection schema comes from the AppSync side. A glob import keeps this build
// working while that file is absent and turns its absence into a clear error at sync start.
const modelSchemaModules = import.meta.glob<{ schema: Schema }>('./model-schema.ts');

/** Loads the model schema and registers the CheckIn model with DataStore. */
export async function loadCheckInModel(): Promise<CheckInModel> {
  const loadModelSchema = modelSchemaModules['./model-schema.ts'];
  if (!loadModelSchema) {
    throw new Error('kiosk/src/sync/model-schema.ts is missing: the CheckIn model cannot sync.');
  }
  const { schema } = await loadModelSchema();
  const models = initSchema(schema) as { CheckIn?: CheckInModel };
  if (!models.CheckIn) {
    throw new Error('The model schema in kiosk/src/sync/model-schema.ts has no CheckIn model.');
  }
  return models.CheckIn;
}
