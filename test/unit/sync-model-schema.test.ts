import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { schema as modelSchema } from '../../kiosk/src/sync/model-schema';
import { syncSchemaPath } from '../../lib/sync/sync-stack';

interface FieldShape {
  type: string;
  isRequired: boolean;
  isArray: boolean;
}

function shapeOf(node: TypeNode): FieldShape {
  const isRequired = node.kind === Kind.NON_NULL_TYPE;
  const inner = node.kind === Kind.NON_NULL_TYPE ? node.type : node;
  if (inner.kind === Kind.LIST_TYPE) return { ...shapeOf(inner.type), isRequired, isArray: true };
  return { type: inner.name.value, isRequired, isArray: false };
}

const schemaText = readFileSync(syncSchemaPath, 'utf8');
const checkInType = parse(schemaText).definitions.find(
  (definition): definition is ObjectTypeDefinitionNode =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'CheckIn',
)!;
const checkInModel = modelSchema.models.CheckIn!;

describe('kiosk CheckIn model schema', () => {
  test('lists every schema.graphql field except the server-set owner', () => {
    const schemaFields = checkInType.fields!
      .map((field) => field.name.value)
      .filter((name) => name !== 'owner')
      .sort();
    const modelFields = Object.keys(checkInModel.fields)
      .filter((name) => name !== 'createdAt' && name !== 'updatedAt')
      .sort();

    expect(modelFields).toEqual(schemaFields);
  });

  test.each(
    checkInType.fields!.filter((field) => field.name.value !== 'owner').map((field) => [field.name.value, field] as const),
  )(
    'field %s has the schema type',
    (name, field) => {
      const expected = shapeOf(field.type);
      const actual = checkInModel.fields[name]!;

      expect(actual.name).toBe(name);
      expect(actual.type).toBe(expected.type);
      expect(actual.isRequired).toBe(expected.isRequired);
      expect(actual.isArray).toBe(expected.isArray);
    },
  );

  test('owner rule matches the model auth', () => {
    const auth = checkInModel.attributes!.find((attribute) => attribute.type === 'auth')!;
    const rule = (auth.properties as { rules: { allow: string; operations: string[] }[] }).rules[0]!;

    expect(schemaText).toMatch(/allow: owner, operations: \[create, update, read\]/);
    expect(rule.allow).toBe('owner');
    expect(rule.operations).toEqual(['create', 'update', 'read']);
  });

  test('leaves owner to AppSync, so the outbox carries the create reply version forward', () => {
    expect(checkInModel.fields.owner).toBeUndefined();
  });

  test('version is the schema hash', () => {
    const hash = createHash('sha256').update(schemaText).digest('hex').slice(0, 32);

    expect(modelSchema.version).toBe(hash);
  });
});
