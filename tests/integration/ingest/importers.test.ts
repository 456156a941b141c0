import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/test-db.js';
import { FIXTURES, graphCounts, importFixture, readRejects } from './helpers.js';

describe('importers', () => {
  const t = useTestDatabase();

  it('imports the Last.fm layout: CRLF, headers, Latin-1 tags, aggregated tag weights; bad rows rejected with line and reason', async () => {
    const summary = await importFixture(t, 'lastfm', { consent: true });
    expect(await graphCounts(t)).toEqual({
      users: 3,
      products: 3,
      interests: 3,
      follows: 4,
      viewed: 4,
      purchased: 0,
      rated: 0,
      interestedIn: 4,
      hasInterest: 3,
    });
    expect(readRejects(summary.rejectsFile)).toEqual(
      [
        ['tags.dat', 5, 'tagID "x" is not an integer'],
        ['artists.dat', 5, 'expected 4 columns'],
        ['user_artists.dat', 5, 'weight "notanumber" is not an integer'],
        ['user_artists.dat', 7, 'unknown product lastfm-a99'],
        ['user_friends.dat', 6, 'self-friendship'],
        ['user_friends.dat', 7, 'unknown user lastfm-u77'],
        ['user_taggedartists.dat', 6, 'invalid date 2010-2-31'],
        ['user_taggedartists.dat', 7, 'unknown product lastfm-a55'],
      ].map(([file, line, reason]) => [file, line, expect.stringContaining(reason as string)]),
    );
    expect(summary.rejected).toBe(8);
    const [tag] = await t.cypher<{ name: string }>(`MATCH (i:Interest {id: 'lastfm-t2'}) RETURN i.name AS name`);
    expect(tag?.name).toBe('fußball');
    const [artist] = await t.cypher<{ name: string; w: number }>(
      `MATCH (p:Product {id: 'lastfm-a2'})-[r:HAS_INTEREST]->(:Interest {id: 'lastfm-t3'}) RETURN p.name AS name, r.weight AS w`,
    );
    expect(artist).toEqual({ name: 'Röyksopp', w: 2 });
    const [user] = await t.cypher<Record<string, unknown>>(
      `MATCH (u:User {id: 'lastfm-u2'}) RETURN toString(u.createdAt) AS created, toString(u.lastActiveAt) AS last, u.consentProfiling AS consent`,
    );
    expect(user).toEqual({ created: '2009-04-01T00:00:00Z', last: '2009-05-01T00:00:00Z', consent: true });
  });

  it('imports the MovieLens 100K layout: Latin-1 titles, genres, ages to birth years, zips to regions, ratings as events', async () => {
    const summary = await importFixture(t, 'movielens');
    expect(await graphCounts(t)).toEqual({
      users: 3,
      products: 3,
      interests: 19,
      follows: 0,
      viewed: 0,
      purchased: 0,
      rated: 5,
      interestedIn: expect.any(Number),
      hasInterest: 7,
    });
    expect(
      readRejects(summary.rejectsFile)
        .map(([file, line]) => `${file}:${line}`)
        .sort(),
    ).toEqual(['u.data:6', 'u.data:7', 'u.data:8', 'u.item:4', 'u.user:4', 'u.user:5', 'u.user:6']);
    expect(summary.rejected).toBe(7);
    const users = await t.cypher<Record<string, unknown>>(
      `MATCH (u:User) RETURN u.id AS id, u.birthYear AS year, u.gender AS gender, u.region AS region ORDER BY id`,
    );
    expect(users.map((u) => ({ ...u, year: (u['year'] as { toNumber(): number }).toNumber() }))).toEqual([
      { id: 'ml-u1', year: 1974, gender: 'MALE', region: 'Mountain' },
      { id: 'ml-u2', year: 1945, gender: 'FEMALE', region: 'Pacific' },
      { id: 'ml-u3', year: 1975, gender: 'MALE', region: 'Canada' },
    ]);
    const [movie] = await t.cypher<Record<string, unknown>>(
      `MATCH (p:Product {id: 'ml-m3'}) RETURN p.name AS name, p.category AS category, p.releaseDate AS released`,
    );
    expect(movie).toEqual({ name: 'Les Misérables (1995)', category: 'Drama', released: '1995-01-01' });
    const [interest] = await t.cypher<{ w: number }>(`MATCH (:User {id: 'ml-u2'})-[r:INTERESTED_IN]->(:Interest {name: 'Drama'}) RETURN r.weight AS w`);
    expect(interest?.w).toBe(2); // one 5-star rating: base 5 − 3 = 2 on the Drama tag (weight 1)
  });

  it('imports the generic CSV format with quoting, optional columns and references checked', async () => {
    const summary = await importFixture(t, 'csv');
    expect(await graphCounts(t)).toEqual({
      users: 3,
      products: 2,
      interests: 3,
      follows: 3,
      viewed: 1,
      purchased: 1,
      rated: 1,
      interestedIn: expect.any(Number),
      hasInterest: 3,
    });
    expect(summary.rejected).toBe(16);
    const reasons = readRejects(summary.rejectsFile).map(([file, line, reason]) => `${file}:${line}:${reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining(
        [
          'products.csv:4:price -3 is below 0',
          'products.csv:5:unknown interest knitting',
          'users.csv:5:gender "ROBOT" is not one of FEMALE',
          'users.csv:8:expected 13 columns',
          'follows.csv:5:a user cannot follow themselves',
          'follows.csv:6:unknown user zed',
          'events.csv:5:score 9 is above 5',
          'events.csv:7:unknown product nope',
          'events.csv:10:a REVIEW needs its text',
        ].map((prefix) => expect.stringContaining(prefix)),
      ),
    );
    const [review] = await t.cypher(`MATCH (:User {id: 'ana'})-[r:REVIEWED]->(:Product {id: 'lp1'}) RETURN r.text AS text, r.rating AS rating`);
    expect(review).toEqual({ text: 'Great, "warm" pressing', rating: expect.objectContaining({ low: 4 }) });
    const [product] = await t.cypher<{ name: string }>(`MATCH (p:Product {id: 'lp1'}) RETURN p.name AS name`);
    expect(product?.name).toBe('Blue Train, LP');
    const [ben] = await t.cypher<Record<string, unknown>>(
      `MATCH (u:User {id: 'ben'}) RETURN toString(u.createdAt) AS created, u.consentProfiling AS consent, u.email AS email`,
    );
    expect(ben).toEqual({ created: '2024-02-01T00:00:00Z', consent: true, email: null });
  });

  it('imports events keyed by identity as recordEvents resolves them, rejecting bad identities by row', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-identity-csv-'));
    for (const file of ['interests.csv', 'products.csv', 'users.csv']) copyFileSync(path.join(FIXTURES, 'csv', file), path.join(dir, file));
    writeFileSync(
      path.join(dir, 'events.csv'),
      [
        'userId,identityType,identityValue,identityNamespace,productId,kind,at',
        ',COOKIE_ID,web-1,,lp1,VIEW,2026-01-02T10:00:00Z',
        ',cookie_id,web-1,,shoe,VIEW,2026-01-03T10:00:00Z',
        ',EMAIL, Visitor@Example.com ,,lp1,PURCHASE,2026-01-04T10:00:00Z',
        ',EXTERNAL_ID,42,crm,shoe,VIEW,2026-01-05T10:00:00Z',
        ',EMAIL,not-an-address,,lp1,VIEW,2026-01-06T10:00:00Z',
        ',EXTERNAL_ID,43,,lp1,VIEW,2026-01-06T10:00:00Z',
        ',,,,lp1,VIEW,2026-01-06T10:00:00Z',
        'ana,ACCOUNT_ID,acct-ana,,shoe,VIEW,2026-01-07T10:00:00Z',
      ].join('\n'),
    );
    const summary = await importFixture(t, 'csv', { dir });
    const eventRejects = readRejects(summary.rejectsFile).filter(([file]) => file === 'events.csv');
    expect(eventRejects.map(([file, line, reason]) => `${file}:${line}:${reason.slice(0, 40)}`)).toEqual([
      'events.csv:6:Invalid identity at identity: not an e-m',
      'events.csv:7:Invalid identity at identity: EXTERNAL_I',
      'events.csv:8:give userId, or identityType and identit',
    ]);
    // web-1 (twice), the e-mail and the crm id: three anonymous users; ana gained her account.
    const users = await t.cypher<{ id: string; views: { toNumber(): number }; types: string[] }>(
      `MATCH (u:User)-[:HAS_IDENTITY]->(i:Identity) RETURN u.id AS id, COUNT { (u)-[:VIEWED]->() } AS views, collect(i.type) AS types ORDER BY id`,
    );
    expect(users.map((user) => [user.id.startsWith('anon-') ? 'anon' : user.id, user.views.toNumber(), user.types.join()]).sort()).toEqual(
      [
        ['ana', 1, 'ACCOUNT_ID'],
        ['anon', 0, 'EMAIL_SHA256'],
        ['anon', 1, 'EXTERNAL_ID'],
        ['anon', 2, 'COOKIE_ID'],
      ].sort(),
    );
    // A second run changes nothing.
    const before = await graphCounts(t);
    await importFixture(t, 'csv', { dir });
    expect(await graphCounts(t)).toEqual(before);
  });

  it('csv --consent grants consent where a row has no consent column of its own', async () => {
    const consentOf = async () =>
      Object.fromEntries(
        (
          await t.cypher<{ id: string; p: boolean; m: boolean }>(
            `MATCH (u:User) WHERE u.id IN ['ana', 'cai'] RETURN u.id AS id, u.consentProfiling AS p, u.consentMarketing AS m`,
          )
        ).map((row) => [row.id, [row.p, row.m]]),
      );
    await importFixture(t, 'csv');
    expect(await consentOf()).toEqual({ ana: [true, false], cai: [false, false] });
    await importFixture(t, 'csv', { consent: true });
    expect(await consentOf()).toEqual({ ana: [true, false], cai: [true, true] });
  });

  it('reads a CSV saved by Excel in a Chinese locale (GB18030) as such, says so, and refuses to read it as UTF-8', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-gbk-'));
    const users = 'id,displayName,region,city\nzw,张伟,广东省,深圳市\nln,李娜,北京市,北京市\n';
    writeFileSync(path.join(dir, 'users.csv'), iconv.encode(users, 'gbk'));
    // Told it is UTF-8: a clear error naming the file and the fix, and nothing written.
    await expect(importFixture(t, 'csv', { dir, encoding: 'utf-8' })).rejects.toThrow(
      /users\.csv is not valid UTF-8 \(given\) near byte 0: re-run with --encoding gb18030/,
    );
    expect(Number((await t.cypher<{ n: number }>('MATCH (u:User) RETURN count(u) AS n'))[0]?.n)).toBe(0);
    const summary = await importFixture(t, 'csv', { dir });
    expect(summary.steps.map((step) => [step.file, step.encoding])).toEqual([['users.csv', 'GB18030 (detected)']]);
    const rows = await t.cypher<{ id: string; name: string; region: string; city: string }>(
      'MATCH (u:User) RETURN u.id AS id, u.displayName AS name, u.region AS region, u.city AS city ORDER BY u.id',
    );
    expect(rows).toEqual([
      { id: 'ln', name: '李娜', region: '北京市', city: '北京市' },
      { id: 'zw', name: '张伟', region: '广东省', city: '深圳市' },
    ]);
  });

  it('a second import of the same files changes nothing', async () => {
    for (const source of ['lastfm', 'movielens', 'csv'] as const) {
      const first = await importFixture(t, source, { consent: true });
      const once = await graphCounts(t);
      const weights = await t.cypher(`MATCH (u)-[r]->(x) RETURN u.id AS from, type(r) AS type, x.id AS to, properties(r) AS props ORDER BY from, type, to`);
      const again = await importFixture(t, source, { consent: true });
      expect(await graphCounts(t), source).toEqual(once);
      // The summary says so: nothing created, nothing changed — except, in the CSV fixture, ana's
      // lastActiveAt, which users.csv really sets back to its value and events.csv (whose events
      // are all replays) moves forward again, as in the first import.
      expect(again.created, source).toBe(0);
      expect(again.updated, `${source}: ${JSON.stringify(again.steps)}`).toBe(source === 'csv' ? 1 : 0);
      if (source === 'csv') expect(again.steps.find((step) => step.file === 'users.csv')?.changes?.updated).toBe(1);
      expect(again.unchanged + again.updated, source).toBe(first.created + first.updated + first.unchanged);
      expect(again.unchanged, source).toBeGreaterThan(0);
      expect(
        await t.cypher(`MATCH (u)-[r]->(x) RETURN u.id AS from, type(r) AS type, x.id AS to, properties(r) AS props ORDER BY from, type, to`),
        source,
      ).toEqual(weights);
      expect(again.rejected).toBeGreaterThan(0);
    }
  });

  it('counts created, updated and unchanged rows: a changed follow weight is an update, the rest unchanged', async () => {
    const fresh = await importFixture(t, 'csv', { consent: true });
    const follows = fresh.steps.find((step) => step.file === 'follows.csv');
    expect(follows?.changes?.created).toBeGreaterThan(0);
    expect(follows?.changes).toEqual({ created: follows?.changes?.created, updated: 0, unchanged: 0 });
    const [follow] = await t.cypher<{ a: string; b: string }>('MATCH (a:User)-[f:FOLLOWS]->(b:User) RETURN a.id AS a, b.id AS b ORDER BY a, b LIMIT 1');
    await t.cypher('MATCH (:User {id: $a})-[f:FOLLOWS]->(:User {id: $b}) SET f.weight = f.weight + 7', follow!);
    const again = await importFixture(t, 'csv', { consent: true });
    const followsAgain = again.steps.find((step) => step.file === 'follows.csv');
    expect(followsAgain?.changes).toEqual({ created: 0, updated: 1, unchanged: (follows?.changes?.created ?? 0) - 1 });
    // A replayed events file applies nothing: every event is unchanged.
    const events = again.steps.find((step) => step.file === 'events.csv');
    expect(events?.changes?.created).toBe(0);
    expect(events?.changes?.unchanged).toBe(events?.written);
  });

  it('fails clearly on a directory that is not of the format', async () => {
    await expect(importFixture(t, 'lastfm', { dir: 'tests/fixtures/csv' })).rejects.toThrow(/missing artists\.dat/);
    await expect(importFixture(t, 'csv', { dir: 'tests/fixtures/lastfm' })).rejects.toThrow(/holds none of/);
  });
});
