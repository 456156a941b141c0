/**
 * Where an import's rows go: the seam between the importers and what they write to. The
 * importers (importers/*.ts, synthetic-graph.ts) call a sink's upserts and its reference check;
 * online, each is the ingest statement of the same name on the server (`onlineSink`); during an
 * `--initial` load, StagingDb (initial-load/staging-db.ts) implements the same methods by
 * writing `neo4j-admin` import files while nothing needs the real graph. A reader follows an
 * import through these calls, whichever sink is behind them.
 */
import type { CypherQuery } from '../db/cypher.js';
import type { Db } from '../db/db.js';
import { ingestQueries } from './queries.js';

/** The statements a sink answers for, by method name. */
const SINK_STATEMENTS = {
  existingIds: ingestQueries.existingIds,
  upsertUsers: ingestQueries.upsertUsers,
  upsertInterests: ingestQueries.upsertInterests,
  upsertProducts: ingestQueries.upsertProducts,
  upsertProductInterests: ingestQueries.upsertProductInterests,
  upsertFollows: ingestQueries.upsertFollows,
  upsertUserInterests: ingestQueries.upsertUserInterests,
  upsertListens: ingestQueries.upsertListens,
} as const;

type Statements = typeof SINK_STATEMENTS;
type RowOf<Q> = Q extends CypherQuery<infer Row, infer _Params> ? Row : never;
type ParamsOf<Q> = Q extends CypherQuery<infer _Row, infer Params> ? Params : never;

/** Each method takes its statement's parameters and answers its rows (counts, or the ids that exist). */
export type ImportSink = { [Name in keyof Statements]: (params: ParamsOf<Statements[Name]>) => Promise<RowOf<Statements[Name]>[]> };

/** The sink of every import but an initial load's staging: the statements, run on the server. */
export function onlineSink(db: Db): ImportSink {
  return {
    existingIds: (params) => db.query(SINK_STATEMENTS.existingIds, params),
    upsertUsers: (params) => db.mutate(SINK_STATEMENTS.upsertUsers, params),
    upsertInterests: (params) => db.mutate(SINK_STATEMENTS.upsertInterests, params),
    upsertProducts: (params) => db.mutate(SINK_STATEMENTS.upsertProducts, params),
    upsertProductInterests: (params) => db.mutate(SINK_STATEMENTS.upsertProductInterests, params),
    upsertFollows: (params) => db.mutate(SINK_STATEMENTS.upsertFollows, params),
    upsertUserInterests: (params) => db.mutate(SINK_STATEMENTS.upsertUserInterests, params),
    upsertListens: (params) => db.mutate(SINK_STATEMENTS.upsertListens, params),
  };
}
