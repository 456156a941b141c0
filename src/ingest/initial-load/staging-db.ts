/**
 * The database an `--initial` import writes to, and its sink (../sink.ts): the importers run
 * unchanged, but the sink's entity and relationship upserts (users, interests, products,
 * follows, listens, user and product interests) go to `neo4j-admin` import files instead of
 * the server, and its reference checks are answered from what has been staged (the database is
 * empty, so what is staged is what will exist); so are events named by user id
 * (staged-events.ts, through ImportContext.stageEvents). The first
 * statement that needs the real graph (an event batch that cannot be staged, the tags
 * refresh, the end of the import) loads the files
 * and then runs as usual: the import tool is a barrier, crossed once.
 *
 * What makes the result the graph a normal import builds:
 * - each upsert's create path is reproduced property by property (see the cypher/ingest files
 *   named beside each handler); rows repeating a key within a batch collapse as the statements
 *   collapse them (last wins; users' properties applied in order);
 * - a key seen in an earlier batch (a user updated by a later file, a follow listed twice) is
 *   not written to the files: its row is kept and applied after the load with the very
 *   statement a normal import uses, in the order it came;
 * - a relationship whose end was never staged is dropped, as the statement's MATCH drops it;
 * - events named by user id are applied in memory as recordEvents' statements apply them
 *   (staged-events.ts) and written with the rest; a batch with an event keyed by identity or a
 *   review crosses the barrier, and it and every later batch go online.
 *
 * Memory: node ids are held exactly (references must be checked exactly; ~70 bytes an id),
 * relationship keys only in a fixed-size Bloom filter: a false "seen before" costs one row
 * applied online after the load, never a wrong graph.
 */
import { BloomFilter } from 'bloomfilter';
import type { DateTime, Driver, ManagedTransaction } from 'neo4j-driver';
import type { CypherQuery } from '../../db/cypher.js';
import { Db, type TxOptions } from '../../db/db.js';
import type { ActivityEvent } from '../../activity/index.js';
import { int } from '../../db/values.js';
import type { Logger } from '../../logger.js';
import { addCounts, countsOf, type WriteCounts } from '../pipeline.js';
import { ingestQueries } from '../queries.js';
import type { ImportSink } from '../sink.js';
import { UtcDateTime, type AdminImportArguments, type AdminImportFiles } from './admin-files.js';
import { StagedEvents } from './staged-events.js';

/** 2^28 bits (32 MiB), 7 hashes: under 0.1% false positives up to ~20 million relationships. */
const PAIR_FILTER_BITS = 2 ** 28;
const PAIR_FILTER_HASHES = 7;
/** Rows per statement for the users' latest event times, set after the load. */
const REMAINDER_BATCH = 10_000;

type Props = Record<string, unknown>;
type Params = Record<string, unknown>;
type Row = Record<string, unknown>;

/** Loads the finished files into the (stopped) database and brings it back; see initial-load.ts. */
export type LoadFiles = (files: AdminImportArguments) => Promise<void>;

/** A batch kept for after the load: the statement a normal import would have run, and the step it came from. */
interface Deferred {
  step: string;
  query: CypherQuery<unknown, Params>;
  params: Params;
}

export class StagingDb extends Db implements ImportSink {
  private state: 'staging' | 'loading' | 'loaded' = 'staging';
  private loading: Promise<void> | null = null;
  private readonly staged = { User: new Set<string>(), Product: new Set<string>(), Interest: new Set<string>() };
  private readonly pairs = new BloomFilter(PAIR_FILTER_BITS, PAIR_FILTER_HASHES);
  private readonly deferred: Deferred[] = [];
  /** Each staged product's interests and weights, as HAS_INTEREST will hold them once every product row is applied (the events' fold reads them). */
  private readonly productTags = new Map<string, Map<string, number>>();
  /** Listens made VIEWED relationships the staged events would have to add to: events then go online. */
  private listensStaged = false;
  /** Events staged for the tool (staged-events.ts); null when they may not be (see eventsStageable). */
  private readonly stagedEvents: StagedEvents | null;
  /** Rows applied after the load, by step label: they are counted when they run. */
  readonly deferredCounts = new Map<string, WriteCounts>();
  /** The step now importing (set through the progress display), so deferred rows count towards it. */
  currentStep = '';
  /** Rows that went to the files (events included), rows kept for after the load, and events staged (the rest went online). */
  readonly figures = { stagedRows: 0, deferredRows: 0, stagedEvents: 0 };
  /** The plain database the load's own work goes through (this class would wait on itself). */
  readonly direct: Db;

  constructor(
    driver: Driver,
    database: string,
    private readonly log: Logger,
    private readonly files: AdminImportFiles,
    private readonly loadFiles: LoadFiles,
    private readonly afterLoad: (db: Db) => Promise<void>,
    /**
     * Whether events may be staged: only when the load runs here, since the users' latest
     * event times are set after it. Files handed over for another server take no events: the
     * import run again without --initial records them.
     */
    eventsStageable: boolean,
  ) {
    super(driver, database, log);
    this.stagedEvents = eventsStageable ? new StagedEvents(files, (productId) => this.productTags.get(productId)) : null;
    this.direct = new Db(driver, database, log);
  }

  get loaded(): boolean {
    return this.state === 'loaded';
  }

  // Every statement waits for the load: the import tool is a barrier, crossed once.
  override query<R, P extends Params>(query: CypherQuery<R, P>, params: P): Promise<R[]> {
    return this.whenLoaded(() => super.query(query, params));
  }

  override mutate<R, P extends Params>(query: CypherQuery<R, P>, params: P): Promise<R[]> {
    return this.whenLoaded(() => super.mutate(query, params));
  }

  override read<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: TxOptions): Promise<T> {
    return this.whenLoaded(() => super.read(work, options));
  }

  override write<T>(work: (tx: ManagedTransaction) => Promise<T>, options?: TxOptions): Promise<T> {
    return this.whenLoaded(() => super.write(work, options));
  }

  override autoCommit<R, P extends Params>(query: CypherQuery<R, P>, params: P): Promise<R[]> {
    return this.whenLoaded(() => super.autoCommit(query, params));
  }

  /** Loads what is staged (once), then applies the rows kept for after it. Idempotent. */
  load(): Promise<void> {
    this.loading ??= this.runLoad();
    return this.loading;
  }

  private async whenLoaded<T>(work: () => Promise<T>): Promise<T> {
    if (this.state !== 'loaded') await this.load();
    return work();
  }

  private async runLoad(): Promise<void> {
    this.state = 'loading';
    await this.finishEvents();
    const files = await this.files.close();
    this.log.info({ rows: this.figures.stagedRows, files: files.files.length }, 'initial load: import files written');
    await this.loadFiles(files);
    await this.afterLoad(this.direct);
    for (const batch of this.deferred) {
      const [row] = await this.direct.mutate(batch.query, batch.params);
      if (row && typeof row === 'object' && 'created' in row) {
        const counts = countsOf(row as Parameters<typeof countsOf>[0]);
        this.deferredCounts.set(batch.step, addCounts(this.deferredCounts.get(batch.step) ?? null, counts) as WriteCounts);
      }
    }
    this.deferred.length = 0;
    this.state = 'loaded';
  }

  /**
   * Stages a batch of events (staged-events.ts) while nothing has needed the real graph.
   * Returns null when they must go online instead: the files are for another server, the
   * database is loaded, listens were staged, or an event is keyed by identity or is a review. The caller has checked references.
   */
  async stageEvents(events: readonly ActivityEvent[]): Promise<{ applied: number; touched: string[] } | null> {
    if (!this.stagedEvents || this.state !== 'staging' || this.listensStaged || !StagedEvents.accepts(events)) return null;
    const applied = await this.stagedEvents.record(events);
    this.figures.stagedRows += events.length;
    this.figures.stagedEvents += events.length;
    return { applied, touched: [...new Set(events.map((event) => event.userId))] };
  }

  /**
   * Staged events and the declared interests held for them to the files; the users' latest
   * event times are kept for after the load, after every deferred row (a re-run of the import
   * sets them too, should the process stop in between: they only move forward).
   */
  private async finishEvents(): Promise<void> {
    const lastActive = this.stagedEvents ? await this.stagedEvents.finish() : [];
    for (let start = 0; start < lastActive.length; start += REMAINDER_BATCH) {
      const rows = lastActive.slice(start, start + REMAINDER_BATCH);
      this.deferred.push({ step: 'events (after the load)', query: ingestQueries.touchLastActive as CypherQuery<unknown, Params>, params: { rows } });
    }
  }

  /** Keeps a product's interest weights as the statement leaves them (MERGE, SET weight), for the events' fold. */
  private noteProductTag(productId: string, interestId: string, weight: unknown): void {
    const tags = this.productTags.get(productId) ?? new Map<string, number>();
    tags.set(interestId, weight as number);
    this.productTags.set(productId, tags);
  }

  private stagedIds(params: Parameters<ImportSink['existingIds']>[0]): [{ users: string[]; products: string[]; interests: string[]; identities: string[] }] {
    const pick = (ids: readonly string[], set: Set<string>) => ids.filter((id) => set.has(id));
    // Identities are only ever created by events, which run after the load: none is staged.
    return [
      {
        users: pick(params.userIds, this.staged.User),
        products: pick(params.productIds, this.staged.Product),
        interests: pick(params.interestIds, this.staged.Interest),
        identities: [],
      },
    ];
  }

  // The ImportSink (../sink.ts): each upsert staged into the files while nothing has needed the
  // real graph, run online (after the load) once something has.

  /** Reference checks answered from what is staged: the database is empty, so what is staged is what will exist. */
  readonly existingIds: ImportSink['existingIds'] = (params) =>
    this.state === 'staging' ? Promise.resolve(this.stagedIds(params)) : this.query(ingestQueries.existingIds, params);

  /** cypher/ingest/upsert-users.cypher: MERGE on id (a new user draws its sample key), each row's props applied in order. */
  readonly upsertUsers: ImportSink['upsertUsers'] = (params) =>
    this.stagedOr(ingestQueries.upsertUsers, params, () =>
      this.stageNodes('User', ingestQueries.upsertUsers, params, {
        props: (row) => ({ sampleKey: Math.random(), ...(row['props'] as Props) }),
        row: (id, { sampleKey: _drawn, ...props }) => ({ id, props }),
      }),
    );

  /** cypher/profiles/upsert-interests.cypher: MERGE on id, SET name. */
  readonly upsertInterests: ImportSink['upsertInterests'] = (params) =>
    this.stagedOr(ingestQueries.upsertInterests, params, () =>
      this.stageNodes('Interest', ingestQueries.upsertInterests, params, {
        props: (row) => ({ name: row['name'] }),
        row: (id, props) => ({ id, name: props['name'] }),
      }),
    );

  readonly upsertProducts: ImportSink['upsertProducts'] = (params) => this.stagedOr(ingestQueries.upsertProducts, params, () => this.stageProducts(params));

  /** cypher/ingest/upsert-follows.cypher: SET since, weight. */
  readonly upsertFollows: ImportSink['upsertFollows'] = (params) =>
    this.stagedOr(ingestQueries.upsertFollows, params, () =>
      this.stageRelationships(ingestQueries.upsertFollows, params, {
        type: 'FOLLOWS',
        start: ['User', 'followerId'],
        end: ['User', 'followeeId'],
        // since: epoch ms on the wire (upsert-follows.cypher), stored as a UTC DATETIME.
        props: (row) => ({ since: row['since'] === null ? null : new UtcDateTime(new Date(row['since'] as number)), weight: row['weight'] }),
      }),
    );

  /** cypher/ingest/upsert-listens.cypher: SET count. */
  readonly upsertListens: ImportSink['upsertListens'] = (params) =>
    this.stagedOr(ingestQueries.upsertListens, params, () => {
      this.listensStaged = true;
      return this.stageRelationships(ingestQueries.upsertListens, params, {
        type: 'VIEWED',
        start: ['User', 'userId'],
        end: ['Product', 'productId'],
        props: (row) => ({ count: row['count'] }),
      });
    });

  /** cypher/ingest/upsert-user-interests.cypher, created: declared = weight, weight = declared + 0.0, source 'declared', updatedAt = $now. */
  readonly upsertUserInterests: ImportSink['upsertUserInterests'] = (params) =>
    this.stagedOr(ingestQueries.upsertUserInterests, params, () =>
      this.stageRelationships(ingestQueries.upsertUserInterests, params, {
        type: 'INTERESTED_IN',
        start: ['User', 'userId'],
        end: ['Interest', 'interestId'],
        props: (row) => ({ declared: row['weight'], weight: row['weight'], source: 'declared', updatedAt: params['now'] }),
        // Held until the events are staged, which may add engagement to them (staged-events.ts).
        ...(this.stagedEvents
          ? {
              hold: (userId: string, interestId: string, props: Props) =>
                this.stagedEvents?.holdDeclared(userId, interestId, props['declared'] as number, props['updatedAt'] as DateTime),
            }
          : {}),
      }),
    );

  /** cypher/ingest/upsert-product-interests.cypher: SET weight. */
  readonly upsertProductInterests: ImportSink['upsertProductInterests'] = (params) =>
    this.stagedOr(ingestQueries.upsertProductInterests, params, () =>
      this.stageRelationships(ingestQueries.upsertProductInterests, params, {
        type: 'HAS_INTEREST',
        start: ['Product', 'productId'],
        end: ['Interest', 'interestId'],
        props: (row) => ({ weight: row['weight'] }),
      }),
    );

  /** Stages the rows while staging; once the load is under way or done, runs the statement online. */
  private stagedOr<R, P extends Params>(query: CypherQuery<R, P>, params: P, stage: () => Promise<Row[]>): Promise<R[]> {
    return this.state === 'staging' ? (stage() as Promise<unknown> as Promise<R[]>) : this.mutate(query, params);
  }

  /** Node upserts: the batch's rows per id merged in order (later values win), new ids to the files, known ones kept for later. */
  private async stageNodes(
    label: keyof StagingDb['staged'],
    query: CypherQuery<unknown, Params>,
    params: Params,
    shape: { props: (row: Row) => Props; row: (id: string, props: Props) => Row },
  ): Promise<Row[]> {
    const merged = new Map<string, Props>();
    for (const row of params['rows'] as Row[]) {
      const id = row['id'] as string;
      merged.set(id, { ...merged.get(id), ...shape.props(row) });
    }
    const later: Row[] = [];
    let created = 0;
    for (const [id, props] of merged) {
      if (this.staged[label].has(id)) {
        later.push(shape.row(id, props));
        continue;
      }
      this.staged[label].add(id);
      await this.files.node(label, id, props);
      created += 1;
    }
    this.defer(query, params, later);
    this.figures.stagedRows += created;
    return [{ created: int(created), updated: int(0), unchanged: int(0), written: int(merged.size) }];
  }

  /**
   * cypher/catalog/upsert-products.cypher without $replaceInterests: MERGE on id, SET += props,
   * then each tag MERGEd (when its interest exists) with its weight.
   */
  private async stageProducts(params: Params): Promise<Row[]> {
    const merged = new Map<string, { props: Props; interests: Map<string, unknown> }>();
    for (const row of params['rows'] as Row[]) {
      const id = row['id'] as string;
      const entry = merged.get(id) ?? { props: {}, interests: new Map<string, unknown>() };
      Object.assign(entry.props, row['props'] as Props);
      for (const tag of (row['interests'] as { interestId: string; weight: unknown }[] | null) ?? []) entry.interests.set(tag.interestId, tag.weight);
      merged.set(id, entry);
    }
    const laterProducts: Row[] = [];
    const tags: Row[] = [];
    for (const [id, entry] of merged) {
      const interests = [...entry.interests].map(([interestId, weight]) => ({ interestId, weight }));
      if (this.staged.Product.has(id)) {
        laterProducts.push({ id, props: entry.props, interests });
        for (const tag of interests) if (this.staged.Interest.has(tag.interestId)) this.noteProductTag(id, tag.interestId, tag.weight);
        continue;
      }
      this.staged.Product.add(id);
      await this.files.node('Product', id, entry.props);
      this.figures.stagedRows += 1;
      for (const tag of interests) tags.push({ productId: id, ...tag });
    }
    this.defer(ingestQueries.upsertProducts, params, laterProducts);
    await this.stageRelationships(
      ingestQueries.upsertProductInterests,
      { rows: tags },
      { type: 'HAS_INTEREST', start: ['Product', 'productId'], end: ['Interest', 'interestId'], props: (row) => ({ weight: row['weight'] }) },
    );
    return [{ written: int(merged.size) }];
  }

  /** Relationship upserts: collapsed per pair (last row wins), new pairs to the files, pairs seen before kept for later. */
  private async stageRelationships(
    query: CypherQuery<unknown, Params>,
    params: Params,
    shape: {
      type: string;
      start: [keyof StagingDb['staged'], string];
      end: [keyof StagingDb['staged'], string];
      props: (row: Row) => Props;
      /** Keeps a new relationship instead of writing it now. */
      hold?: (start: string, end: string, props: Props) => void;
    },
  ): Promise<Row[]> {
    const [startLabel, startKey] = shape.start;
    const [endLabel, endKey] = shape.end;
    const last = new Map<string, Row>();
    for (const row of params['rows'] as Row[]) {
      const key = `${shape.type}\u0000${row[startKey] as string}\u0000${row[endKey] as string}`;
      last.delete(key); // re-inserted: the pair takes its last row's place in the order
      last.set(key, row);
    }
    const later: Row[] = [];
    let created = 0;
    for (const [key, row] of last) {
      const start = row[startKey] as string;
      const end = row[endKey] as string;
      if (!this.staged[startLabel].has(start) || !this.staged[endLabel].has(end)) continue; // the statement's MATCH finds no row
      if (shape.type === 'HAS_INTEREST') this.noteProductTag(start, end, row['weight']);
      if (this.pairs.test(key)) {
        later.push(row);
        continue;
      }
      this.pairs.add(key);
      if (shape.hold) shape.hold(start, end, shape.props(row));
      else await this.files.relationship(shape.type, { label: startLabel, id: start }, { label: endLabel, id: end }, shape.props(row));
      created += 1;
    }
    this.defer(query, params, later);
    this.figures.stagedRows += created;
    return [{ created: int(created), updated: int(0), unchanged: int(0) }];
  }

  private defer(query: CypherQuery<unknown, Params>, params: Params, rows: Row[]): void {
    if (rows.length === 0) return;
    this.deferred.push({ step: this.currentStep, query, params: { ...params, rows } });
    this.figures.deferredRows += rows.length;
  }
}
