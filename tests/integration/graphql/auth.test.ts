import type { GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/graphql/schema.js';
import { isEnum, isInputObject, isList, isNonNull, isScalar } from '../../../src/graphql/schema-walk.js';
import { rootResolvers } from '../../../src/resolvers.js';
import { nodeCount, seedUsers } from '../../helpers/fixtures.js';
import { errorCode, useTestDatabase } from '../../helpers/test-db.js';

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const ANALYST_KEY = 'analyst-key-0123456789abcdef';
const SERVICE_KEY = 'service-key-0123456789abcdef';

describe('roles and PII', () => {
  const t = useTestDatabase({ API_KEYS: `${ADMIN_KEY}:admin,${ANALYST_KEY}:analyst,${SERVICE_KEY}:service` });

  it('masks e-mail and phone for roles without PII access', async () => {
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana', email: 'ana.lopez@example.com', phone: '+447912345678' }]);
    const query = `{ user(id: "ana") { email phone } }`;
    expect((await t.graphql(query, {}, { apiKey: ADMIN_KEY })).data?.user).toEqual({ email: 'ana.lopez@example.com', phone: '+447912345678' });
    for (const key of [ANALYST_KEY, SERVICE_KEY]) {
      expect((await t.graphql(query, {}, { apiKey: key })).data?.user).toEqual({ email: 'a***@example.com', phone: '+44********78' });
    }
  });

  it('refuses writes to read-only roles and requests without a valid key', async () => {
    const mutation = `mutation { upsertInterests(input: [{ id: "x", name: "X" }]) { created } }`;
    expect(errorCode(await t.graphql(mutation, {}, { apiKey: ANALYST_KEY }))).toBe('FORBIDDEN');
    expect((await t.graphql(mutation, {}, { apiKey: SERVICE_KEY })).data?.upsertInterests.created).toBe(1);
    await expect(t.graphql(`{ limits { maxPageSize } }`, {}, { apiKey: 'wrong-key-0123456789abcdef' })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

/**
 * Every mutation in the schema, called by a read-only key with arguments that pass validation:
 * each is FORBIDDEN before its resolver runs (src/graphql/write-guard.ts), and nothing is written.
 * A mutation added to the SDL is walked here the day it is added.
 */
describe('every mutation needs a role that writes', () => {
  const t = useTestDatabase({ API_KEYS: `${ADMIN_KEY}:admin,${ANALYST_KEY}:analyst` });
  const schema = buildSchema(rootResolvers);

  it('refuses each one to a read-only key (FORBIDDEN), except those marked @readOnly', async () => {
    await seedUsers(t, [{ id: 'ana', displayName: 'Ana' }]);
    const before = await nodeCount(t);
    const fields = Object.values(schema.getMutationType()!.getFields());
    const readOnly = fields.filter((field) => field.astNode?.directives?.some((directive) => directive.name.value === 'readOnly')).map((field) => field.name);
    expect(readOnly).toEqual(['whoami']);
    expect(fields.length).toBeGreaterThan(20);
    for (const field of fields) {
      const required = field.args.filter((arg) => isNonNull(arg.type) && arg.defaultValue === undefined);
      const declared = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const named = field.type.toString().replace(/[[\]!]/g, '');
      const leaf = schema.getType(named);
      const selection = isScalar(leaf) || isEnum(leaf) ? '' : ' { __typename }';
      const operation = `mutation${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
      const variables = Object.fromEntries(required.map((arg) => [arg.name, sampleValue(arg.type)]));
      const result = await t.graphql(operation, variables, { apiKey: ANALYST_KEY });
      if (readOnly.includes(field.name)) {
        expect(result.errors, field.name).toBeUndefined();
        continue;
      }
      expect(result.errors?.[0], field.name).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('may not change data') });
    }
    expect(await nodeCount(t)).toBe(before);
  });
});

/** A value of an input type that passes validation: required fields only, the first non-@pii enum value. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNull(type)) return sampleValue(type.ofType);
  if (isList(type)) return [sampleValue(type.ofType)];
  if (isEnum(type)) return type.getValues().find((value) => !value.astNode?.directives?.some((directive) => directive.name.value === 'pii'))?.name;
  if (isInputObject(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNull(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  const scalars: Record<string, unknown> = {
    Int: 1,
    Float: 1,
    Boolean: true,
    PositiveInt: 1,
    NonNegativeInt: 1,
    NonNegativeFloat: 1,
    DateTime: '2026-01-01T00:00:00Z',
    EmailAddress: 'someone@example.com',
    PhoneNumber: '+447912345678',
    Duration: 'P1D',
  };
  return scalars[type.name] ?? 'x';
}
