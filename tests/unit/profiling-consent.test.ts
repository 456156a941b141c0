/**
 * Every field the SDL marks @profilingConsent (what profiling derives about a user) answers
 * empty for a user without profiling consent, whatever its resolver would answer: the real
 * schema, with each marked field's resolver replaced by one that always has something to say.
 * A derived field added with the directive is walked here the day it is added.
 */
import { ApolloServer } from '@apollo/server';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authForRole } from '../../src/graphql/auth.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { rootResolvers } from '../../src/resolvers.js';

const marked = (schema: ReturnType<typeof buildSchema>) =>
  Object.values((schema.getType('User') as GraphQLObjectType).getFields()).filter((field) =>
    field.astNode?.directives?.some((directive) => directive.name.value === 'profilingConsent'),
  );

describe('derived profile fields need profiling consent', () => {
  const fields = marked(buildSchema(rootResolvers));

  it('marks what profiling derives', () => {
    expect(fields.map((field) => field.name).sort()).toEqual(
      ['churnRisk', 'community', 'influence', 'interestPropensity', 'purchasePropensity', 'reviewSentiment', 'tags', 'value'].sort(),
    );
  });

  it('answers every marked field empty without consent, and the resolver’s answer with it', async () => {
    const isList = (name: string) =>
      fields
        .find((field) => field.name === name)!
        .type.toString()
        .startsWith('[');
    // Each marked field's resolver always answers something: the guard alone can make it empty.
    const eager = Object.fromEntries(fields.map((field) => [field.name, () => (isList(field.name) ? [{}] : {})]));
    const users: Record<string, { id: string; consentProfiling: boolean }> = {
      yes: { id: 'yes', consentProfiling: true },
      no: { id: 'no', consentProfiling: false },
    };
    const schema = buildSchema([...rootResolvers, { Query: { user: (_: unknown, args: { id: string }) => users[args.id] }, User: eager }]);
    const selection = fields.map((field) => `${field.name} { __typename }`).join(' ');
    // Executed by Apollo, as the API executes: the schema's graphql build, not this file's.
    const server = new ApolloServer({ schema });
    await server.start();
    const ask = async (id: string) => {
      const response = await server.executeOperation(
        { query: `query ($id: ID!) { user(id: $id) { ${selection} } }`, variables: { id } },
        { contextValue: { auth: authForRole('admin') } },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult;
    };

    const withConsent = await ask('yes');
    expect(withConsent.errors).toBeUndefined();
    const withoutConsent = await ask('no');
    expect(withoutConsent.errors).toBeUndefined();
    for (const field of fields) {
      const given = (withConsent.data?.['user'] as Record<string, unknown>)[field.name];
      const withheld = (withoutConsent.data?.['user'] as Record<string, unknown>)[field.name];
      expect(given, field.name).toEqual(isList(field.name) ? [{ __typename: expect.any(String) }] : { __typename: expect.any(String) });
      expect(withheld, field.name).toEqual(isList(field.name) ? [] : null);
    }
    await server.stop();
  });
});
