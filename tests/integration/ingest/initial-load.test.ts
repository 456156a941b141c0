/**
 * `import … --initial` must build exactly the graph a normal import builds. The same generated
 * CSV (plus rows that exercise the awkward paths: a user repeated in a later batch, a follow
 * listed twice, quotes, commas and line breaks in values, a rejected row) is imported normally
 * into the test database and with --initial into an instance of its own (the load stops and
 * restarts its server, so it cannot be the shared one); every node and relationship with all
 * its properties must match, and so must each step's created / updated / unchanged counts.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { type Db } from '../../../src/db/db.js';
import { openDatabase, type OpenDatabase } from '../../../src/db/open-database.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { runImport, type ImportSummary } from '../../../src/ingest/importer.js';
import { writeSyntheticCsv } from '../../../src/ingest/synthetic-csv.js';
import { createProgress } from '../../../src/lib/progress.js';
import { createLogger } from '../../../src/logger.js';
import { stopLocalNeo4j } from '../../../src/local-neo4j/server.js';
import { dumpGraph } from '../../helpers/graph-dump.js';
import { resetGraph, useTestDatabase } from '../../helpers/test-db.js';
import { testEnv } from '../../setup/neo4j.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const logger = createLogger('silent');

const stepCounts = (summary: ImportSummary) => summary.steps.map((step) => [step.file, step.rows, step.rejected, step.changes]);

describe('import --initial (neo4j-admin database import)', () => {
  const t = useTestDatabase();
  // No GDS: the load does not use it, and each of the instance's three starts is shorter without it.
  const initialConfig = loadConfig({ ...testEnv(), NEO4J_LOCAL_INSTANCE: 'initial-load-test', NEO4J_LOCAL_BOLT_PORT: '7708', NEO4J_LOCAL_GDS: 'false' });
  let initialDatabase: OpenDatabase | null = null;

  afterAll(async () => {
    await initialDatabase?.close();
    if (initialConfig.localNeo4j) await stopLocalNeo4j(initialConfig.localNeo4j, logger);
  });

  const dataset = async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-initial-'));
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 600, seed: 11, now: NOW });
    await writeSyntheticCsv(graph, dir, createProgress(logger, { tty: false }));
    // Later batches (batch size 250) repeat keys of earlier ones: a user changes, a follow comes twice.
    const fieldsOf = (file: string, line: number) => readFileSync(path.join(dir, file), 'utf8').split('\n')[line]?.split(',') ?? [];
    const [userId] = fieldsOf('users.csv', 4);
    const [productId] = fieldsOf('products.csv', 2);
    const [followerId, followeeId] = fieldsOf('follows.csv', 1);
    appendFileSync(path.join(dir, 'users.csv'), `${userId},"Ann ""the tester"", Jr.",FEMALE,1990,North,Leeds,engineer,,,true,true,,\n`);
    appendFileSync(path.join(dir, 'users.csv'), 'new-user,"New, ""quoted"" user",MALE,1980,North,"Line one\nline two",engineer,,,true,true,,\n');
    appendFileSync(path.join(dir, 'users.csv'), 'bad-user,Bad Gender,PLANT,1990,North,Leeds,engineer,,,true,true,,\n');
    appendFileSync(path.join(dir, 'follows.csv'), `${followerId},${followeeId},,3\n`);
    appendFileSync(path.join(dir, 'products.csv'), `${productId},"Renamed, with ""quotes""",Running,Acme,9.5,i02:2\n`);
    // Events: a staged batch (a quarter in) meets a replayed purchase, an older and a newer (low)
    // rating of pairs rated before, and a view older than its pair's last; halfway, a review,
    // which cannot be staged, sends its batch and every later one online after the load.
    const events = readFileSync(path.join(dir, 'events.csv'), 'utf8').trimEnd().split('\n');
    const [header = '', ...lines] = events;
    const purchase = lines.find((line) => line.includes(',PURCHASE,'))?.split(',') ?? [];
    const rated = lines.filter((line) => line.includes(',RATE,')).map((line) => line.split(','));
    const viewed = lines.find((line) => line.includes(',VIEW,'))?.split(',') ?? [];
    const quarter = Math.floor(lines.length / 4);
    const middle = Math.floor(lines.length / 2);
    const awkward = [
      `${purchase.slice(0, 7).join(',')}`,
      `${rated[0]?.[0]},${rated[0]?.[1]},RATE,2020-01-01T00:00:00.000Z,,,1`,
      `${rated[1]?.[0]},${rated[1]?.[1]},RATE,2026-05-31T12:00:00.000Z,,,1`,
      `${viewed[0]},${viewed[1]},VIEW,2020-01-01T00:00:00.000Z,,,`,
    ].map((line) => `${line},`);
    const review = `${rated[2]?.[0]},${rated[2]?.[1]},REVIEW,2026-05-30T08:00:00.000Z,,,2,"Too small, ""sadly"""`;
    const withText = [
      `${header},text`,
      ...lines.slice(0, quarter).map((line) => `${line},`),
      ...awkward,
      ...lines.slice(quarter, middle).map((line) => `${line},`),
      review,
      ...lines.slice(middle).map((line) => `${line},`),
    ];
    writeFileSync(path.join(dir, 'events.csv'), `${withText.join('\n')}\n`);
    return dir;
  };

  const importWith = (db: Db, config: typeof t.config, dir: string, initial: boolean, initialDir?: string) =>
    runImport(db, config, logger, {
      source: 'csv',
      dir,
      batchSize: 250,
      consent: false,
      rejectsPath: path.join(mkdtempSync(path.join(tmpdir(), 'pg-rejects-')), 'rejects.csv'),
      tty: false,
      now: NOW,
      initial,
      ...(initialDir ? { initialDir } : {}),
    });

  it('builds the same graph, with the same counts, as a normal import; refuses a database that is not empty', async () => {
    const dir = await dataset();
    // The instance's JVM starts while the normal import runs (awaited below; the catch only
    // keeps a start failure unreported twice if the import fails first).
    const opening = openDatabase(initialConfig, logger);
    opening.catch(() => undefined);
    const normal = await importWith(t.db, t.config, dir, false);
    const expected = await dumpGraph(t.db);
    expect(expected.relationships.length).toBeGreaterThan(10_000);

    initialDatabase = await opening;
    await initialDatabase.db.mutate({ name: 'wipe', text: 'MATCH (n) DETACH DELETE n' }, {});
    const initial = await importWith(initialDatabase.db, initialConfig, dir, true);
    expect(initial.initialLoad).toMatchObject({ mode: 'loaded' });
    expect(initial.initialLoad?.stagedRows).toBeGreaterThan(10_000);
    expect(initial.initialLoad?.deferredRows).toBeGreaterThanOrEqual(3); // the repeated user, follow and product
    // The events before the review's batch were staged (whole batches of 250), the rest went online.
    const events = normal.steps.find((step) => step.file === 'events.csv')?.rows ?? 0;
    expect(initial.initialLoad?.stagedEvents).toBeGreaterThanOrEqual(1_000);
    expect(initial.initialLoad?.stagedEvents).toBeLessThan(events);
    expect((initial.initialLoad?.stagedEvents ?? 0) % 250).toBe(0);
    const changed = await initialDatabase.db.driver.executeQuery(
      'MATCH (u:User) WHERE u.displayName STARTS WITH "Ann " OR u.id = "new-user" RETURN u.id AS id, u.city AS city ORDER BY id',
    );
    expect(changed.records.map((record) => [record.get('id'), record.get('city')])).toEqual([
      ['new-user', 'Line one\nline two'],
      [expect.stringMatching(/^u/), 'Leeds'],
    ]);
    expect(existsSync(initial.initialLoad?.dir ?? '')).toBe(false); // files removed once loaded

    const loaded = await dumpGraph(initialDatabase.db);
    expect(loaded.nodes).toEqual(expected.nodes);
    expect(loaded.relationships).toEqual(expected.relationships);
    expect(stepCounts(initial)).toEqual(stepCounts(normal));
    expect(initial.rejected).toBe(normal.rejected);
    expect(initial.rejected).toBeGreaterThan(0);
    // The schema is there (the tool loads no constraints), and the run is recorded.
    const constraints = await initialDatabase.db.driver.executeQuery('SHOW CONSTRAINTS YIELD labelsOrTypes RETURN collect(labelsOrTypes[0]) AS labels');
    expect(constraints.records[0]?.get('labels')).toEqual(expect.arrayContaining(['User', 'Product', 'Interest']));
    const runs = await initialDatabase.db.driver.executeQuery('MATCH (r:ImportRun) RETURN r.status AS status');
    expect(runs.records.map((record) => record.get('status'))).toEqual(['succeeded']);

    await expect(importWith(initialDatabase.db, initialConfig, dir, true)).rejects.toThrow(/--initial loads an empty database.*holds \d+ nodes/);
  }, 300_000);

  it('hands the files and the command over for a server it does not run', async () => {
    await resetGraph(t.db);
    const dir = await dataset();
    const summary = await importWith(t.db, t.config, dir, true, mkdtempSync(path.join(tmpdir(), 'pg-initial-files-'))); // t.config names the server by NEO4J_URI: not ours to stop
    expect(summary.initialLoad?.mode).toBe('files');
    expect(summary.initialLoad?.command).toMatch(
      /^neo4j-admin database import full neo4j --overwrite-destination=true .*--nodes=User=.*--relationships=FOLLOWS=/,
    );
    expect(summary.initialLoad?.command).toContain('--multiline-fields=true'); // the city with a line break
    const files = readdirSync(summary.initialLoad?.dir ?? '');
    expect(files.some((file) => file.startsWith('User-nodes-'))).toBe(true);
    const headers = files
      .filter((file) => file.startsWith('FOLLOWS-'))
      .map((file) => readFileSync(path.join(summary.initialLoad?.dir ?? '', file), 'utf8').split('\n')[0]);
    expect(headers).toContain(':START_ID(User),:END_ID(User),since:datetime,weight:double');
    expect(await dumpGraph(t.db)).toEqual({ nodes: [], relationships: [] }); // nothing written to the server
  }, 120_000);
});
