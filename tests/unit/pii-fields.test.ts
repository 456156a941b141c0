/**
 * Every field the SDL marks @masked is answered masked for roles that may not read PII and in
 * clear for those that may, whatever its resolver returns: the real schema, each marked field's
 * resolver replaced by one that answers a sample of its kind, called through the wrapped
 * resolver. A field marked tomorrow is walked here the day it is marked.
 */
import type { GraphQLField, GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/config.js';
import { authForRole } from '../../src/graphql/auth.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { directiveOn, objectFields } from '../../src/graphql/schema-walk.js';
import { rootResolvers } from '../../src/resolvers.js';

/** A value of each kind and what must not survive the mask. */
const SAMPLES: Record<string, { value: string; secret: string }> = {
  EMAIL: { value: 'ana.lopez@example.com', secret: 'ana.lopez' },
  PHONE: { value: '+447912345678', secret: '7912345' },
  FREE_TEXT: { value: 'Great, write me at ana.lopez@example.com or +44 7912 345678', secret: 'ana.lopez' },
  IDENTITY: { value: 'cookie-5f2c9a0e1b', secret: 'cookie-5f2c' },
};

function maskedFields(schema: ReturnType<typeof buildSchema>): { type: string; field: GraphQLField<unknown, unknown>; kind: string }[] {
  return objectFields(schema).flatMap(({ typeName, field }) => {
    const as = directiveOn(field, 'masked')?.arguments?.find((node) => node.name.value === 'as')?.value;
    return as?.kind === 'EnumValue' ? [{ type: typeName, field, kind: as.value }] : [];
  });
}

describe('PII fields are masked by construction', () => {
  const marked = maskedFields(buildSchema(rootResolvers));
  // Each marked field answers its sample from the resolver: only the wrapper can mask it.
  const overrides: Record<string, Record<string, () => string>> = {};
  for (const { type, field, kind } of marked) (overrides[type] ??= {})[field.name] = () => SAMPLES[kind]!.value;
  const schema = buildSchema([...rootResolvers, overrides]);

  const answer = async (type: string, name: string, role: Role) => {
    const field = (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
    return field.resolve!({}, {}, { auth: authForRole(role) }, { fieldName: name } as GraphQLResolveInfo);
  };

  it('marks e-mail, phone, review text and identity values', () => {
    expect(marked.map(({ type, field, kind }) => `${type}.${field.name} ${kind}`).sort()).toEqual([
      'Identity.value IDENTITY',
      'Review.text FREE_TEXT',
      'User.email EMAIL',
      'User.phone PHONE',
    ]);
  });

  it('masks every marked field for analyst and service keys, and answers it in clear to admin', async () => {
    for (const { type, field, kind } of marked) {
      const { value, secret } = SAMPLES[kind]!;
      expect(await answer(type, field.name, 'admin'), `${type}.${field.name}`).toBe(value);
      for (const role of ['analyst', 'service'] as const) {
        const masked = await answer(type, field.name, role);
        expect(typeof masked, `${type}.${field.name} for ${role}`).toBe('string');
        expect(masked, `${type}.${field.name} for ${role}`).not.toContain(secret);
      }
    }
  });
});
