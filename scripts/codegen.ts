/**
 * `npm run codegen`: resolver types from schema/*.graphql (graphql-codegen's typescript +
 * typescript-resolvers plugins, as graphql-hive/console uses). Mappers name the domain objects
 * the resolvers receive as parents, so a resolver that returns the wrong shape, or whose
 * arguments drift from the SDL, fails `tsc`. And the dashboard's operations
 * (the .graphql files under web/src/) as typed document strings (typescript-operations + typed-document-node):
 * a screen's data and variables are typed from the schema, so a field renamed in the SDL fails
 * the dashboard's `tsc` too. The outputs are committed and never edited;
 * `npm run codegen -- --check` (part of `npm run lint`) fails when one is stale.
 *
 * Driven through @graphql-codegen/core rather than the CLI: the CLI's URL and GitHub schema
 * loaders pull in packages that need Node 22.15, and our schema is local files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as typedDocumentNodePlugin from '@graphql-codegen/typed-document-node';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import * as resolversPlugin from '@graphql-codegen/typescript-resolvers';
import { parse } from 'graphql';
import { loadTypeDefs } from '../src/graphql/schema.js';

const OUTPUT = fileURLToPath(new URL('../src/generated/resolvers-types.ts', import.meta.url));
const WEB_SOURCES = fileURLToPath(new URL('../web/src/', import.meta.url));
const WEB_OUTPUT = fileURLToPath(new URL('../web/src/generated/operations.ts', import.meta.url));

/** Custom scalars as they travel in JSON; the resolver types read DateTime differently (below). */
const SCALARS_IN_JSON = {
  ID: 'string',
  DateTime: 'string',
  // graphql-scalars' Duration checks ISO 8601 syntax and passes the string (src/funnels/duration.ts reads it).
  Duration: 'string',
  EmailAddress: 'string',
  PhoneNumber: 'string',
  NonNegativeInt: 'number',
  PositiveInt: 'number',
  NonNegativeFloat: 'number',
};

const config = {
  contextType: '../context.js#Context',
  useTypeImports: true,
  enumsAsTypes: true,
  useIndexSignature: false,
  // Imports of domain types are suffixed (User as UserModel) so they do not clash with the SDL's type names.
  mapperTypeSuffix: 'Model',
  // Arguments with SDL defaults are still optional in the resolver signature: a caller may send null.
  avoidOptionals: false,
  maybeValue: 'T | null',
  inputMaybeValue: 'T | null | undefined',
  scalars: {
    ...SCALARS_IN_JSON,
    // graphql-scalars' DateTime parses input to a Date and serialises a Date or an ISO string.
    DateTime: { input: 'Date', output: 'string | Date' },
  },
  mappers: {
    User: '../profiles/index.js#User',
    Interest: '../profiles/index.js#Interest',
    UserInterest: '../profiles/index.js#UserInterest',
    Product: '../catalog/index.js#Product',
    ProductInterest: '../catalog/index.js#ProductInterest',
    Purchase: '../activity/index.js#Purchase',
    Review: '../activity/index.js#Review',
    ReviewTopic: '../activity/index.js#ReviewTopic',
    Community: '../communities/index.js#Community',
    CommunityLink: '../communities/index.js#CommunityLink',
    Overview: '../overview/index.js#Overview',
    CommunityInterest: '../communities/index.js#CommunityInterest',
    Influence: '../influence/index.js#Influence',
    KeyOpinionLeader: '../influence/index.js#KeyOpinionLeader',
    KolSet: '../influence/index.js#KolSet',
    AnalyticsJob: '../analytics/index.js#AnalyticsJob',
    LookalikeAudience: '../lookalike/index.js#LookalikeResult',
    LookalikeMember: '../lookalike/index.js#LookalikeMemberParent',
    Recommendation: '../recommendations/index.js#Recommendation',
    LookalikeReason: '../lookalike/index.js#Reason',
    Segment: '../segments/index.js#Segment',
    Campaign: '../campaigns/index.js#Campaign',
    CampaignMembership: '../campaigns/index.js#CampaignMembership',
    SegmentMember: '../segments/index.js#SegmentMember',
    SegmentPreview: '../segments/index.js#SegmentPreview',
    TagDefinition: '../tags/index.js#TagDefinition',
    Portrait: '../portraits/index.js#Portrait',
    PortraitComparison: '../portraits/index.js#PortraitComparisonModel',
    FollowPayload: '../social/index.js#FollowPayloadParent',
    UnfollowPayload: '../social/index.js#UnfollowPayloadParent',
    SegmentConnection: '../graphql/pagination.js#AnyConnection',
    // Every connection is built by toConnection (src/graphql/pagination.ts): totalCount is a lazy thunk.
    UserConnection: '../graphql/pagination.js#AnyConnection',
    ProductConnection: '../graphql/pagination.js#AnyConnection',
    CommunityConnection: '../graphql/pagination.js#AnyConnection',
    PurchaseConnection: '../graphql/pagination.js#AnyConnection',
    InterestConnection: '../graphql/pagination.js#AnyConnection',
    SegmentMemberConnection: '../graphql/pagination.js#AnyConnection',
    LookalikeMemberConnection: '../graphql/pagination.js#AnyConnection',
  },
};

const document = parse(loadTypeDefs().join('\n'));
const resolverTypes = await codegen({
  filename: OUTPUT,
  schema: document,
  documents: [],
  config,
  plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
  pluginMap: { typescript: typescriptPlugin, typescriptResolvers: resolversPlugin },
});

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? graphqlFiles(path.join(dir, entry.name)) : entry.name.endsWith('.graphql') ? [path.join(dir, entry.name)] : [],
  );
}
const operations = await codegen({
  filename: WEB_OUTPUT,
  schema: document,
  documents: graphqlFiles(WEB_SOURCES)
    .sort()
    .map((file) => ({ location: path.relative(WEB_SOURCES, file), document: parse(readFileSync(file, 'utf8')) })),
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    // Fields the server answers are always present (null or a value); inputs may be left out.
    avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
    maybeValue: 'T | null',
    inputMaybeValue: 'T | null | undefined',
    // The text sent is the document as written; no __typename added.
    skipTypename: true,
    documentMode: 'string',
    scalars: SCALARS_IN_JSON,
  },
  // typescript-operations declares the enums and inputs the operations use itself.
  plugins: [{ typescriptOperations: {} }, { typedDocumentNode: {} }],
  pluginMap: { typescriptOperations: operationsPlugin, typedDocumentNode: typedDocumentNodePlugin },
});

const outputs = [
  { file: OUTPUT, text: `// Generated by \`npm run codegen\` from schema/*.graphql. Do not edit.\n${resolverTypes}` },
  { file: WEB_OUTPUT, text: `// Generated by \`npm run codegen\` from schema/*.graphql and the .graphql files under web/src/. Do not edit.\n${operations}` },
];

for (const { file, text } of outputs) {
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write(`${file} is stale: run \`npm run codegen\` and commit the result.\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(file, text);
    process.stderr.write(`wrote ${file}\n`);
  }
}
