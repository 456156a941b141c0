/**
 * HetRec 2011 Last.fm 2K (see shared/datasets/lastfm-hetrec2011/README.md).
 *
 * Mapping:
 *   tags.dat (Latin-1)            → (:Interest {id: 'lastfm-t<tagID>', name})
 *   artists.dat (UTF-8)           → (:Product {id: 'lastfm-a<id>', name, category: 'artist', url})
 *   user ids of user_artists.dat  → (:User {id: 'lastfm-u<id>'}), created with their first listening row
 *   user_artists.dat              → (:User)-[:VIEWED {count: listening count}]->(:Product)
 *   user_friends.dat              → (:User)-[:FOLLOWS]->(:User), both directions (as in the file)
 *   user_taggedartists.dat        → per (user, tag): INTERESTED_IN {weight: assignments, source: 'declared'};
 *                                   per (artist, tag): HAS_INTEREST {weight: assignments};
 *                                   first/last tagging day → User.createdAt / lastActiveAt
 * Every file has a header line and CRLF endings. Tag assignments on artists missing from
 * artists.dat (390 ids in the original) are rejected as unknown references.
 */
import path from 'node:path';
import { int, toNeo4jDateTime } from '../../db/values.js';
import { fileSize } from '../read-lines.js';
import {
  countsOf,
  fields,
  firstProblem,
  importRows,
  lastPerKey,
  ok,
  parsedLines,
  parseInteger,
  type ImportContext,
  type StepResult,
  type WriteCounts,
} from '../pipeline.js';

/** The HetRec 2011 files the importer reads. */
type LastfmFile = 'artists.dat' | 'tags.dat' | 'user_artists.dat' | 'user_friends.dat' | 'user_taggedartists.dat';
export const lastfmIds = {
  user: (id: string | number) => `lastfm-u${id}`,
  artist: (id: string | number) => `lastfm-a${id}`,
  tag: (id: string | number) => `lastfm-t${id}`,
};

export async function importLastfm(ctx: ImportContext, dir: string): Promise<StepResult[]> {
  const file = (name: LastfmFile) => path.join(dir, name);
  const results: StepResult[] = [];
  const nowParam = toNeo4jDateTime(ctx.now);

  results.push(
    await importRows(ctx, {
      label: 'tags.dat',
      totalBytes: await fileSize(file('tags.dat')),
      rows: parsedLines(file('tags.dat'), { encoding: 'latin1', skipHeader: true }, (text) => {
        const parts = fields(text, '\t', 2);
        if (typeof parts === 'string') return { reject: parts };
        const id = parseInteger(parts[0], 'tagID', { min: 0 });
        if (typeof id === 'string') return { reject: id };
        if (!parts[1]?.trim()) return { reject: 'empty tagValue' };
        return ok({ id: lastfmIds.tag(id), name: parts[1].trim() });
      }),
      write: async (rows) => void (await ctx.sink.upsertInterests({ rows })),
    }),
  );

  results.push(
    await importRows(ctx, {
      label: 'artists.dat',
      totalBytes: await fileSize(file('artists.dat')),
      rows: parsedLines(file('artists.dat'), { skipHeader: true }, (text) => {
        const parts = fields(text, '\t', 4);
        if (typeof parts === 'string') return { reject: parts };
        const id = parseInteger(parts[0], 'artist id', { min: 0 });
        if (typeof id === 'string') return { reject: id };
        if (!parts[1]?.trim()) return { reject: 'empty artist name' };
        return ok({ id: lastfmIds.artist(id), props: { name: parts[1].trim(), category: 'artist', url: parts[2] || null }, interests: [] });
      }),
      write: async (rows) => void (await ctx.sink.upsertProducts({ rows, replaceInterests: false })),
    }),
  );

  // Users have no file of their own: every user appears in user_artists.dat (README), so
  // each batch of listening rows first MERGEs its users.
  const seenUsers = new Set<string>();
  const upsertUsers = async (ids: string[]) => {
    const fresh = [...new Set(ids)].filter((id) => !seenUsers.has(id));
    if (fresh.length === 0) return;
    const rows = fresh.map((id) => ({
      id,
      props: { displayName: `Last.fm user ${id.slice('lastfm-u'.length)}`, consentProfiling: ctx.consent, consentMarketing: ctx.consent },
    }));
    await ctx.sink.upsertUsers({ rows });
    for (const id of fresh) seenUsers.add(id);
  };

  results.push(
    await importRows(ctx, {
      label: 'user_artists.dat',
      totalBytes: await fileSize(file('user_artists.dat')),
      rows: parsedLines(file('user_artists.dat'), { skipHeader: true }, (text) => {
        const parts = fields(text, '\t', 3);
        if (typeof parts === 'string') return { reject: parts };
        const user = parseInteger(parts[0], 'userID', { min: 0 });
        const artist = parseInteger(parts[1], 'artistID', { min: 0 });
        const weight = parseInteger(parts[2], 'weight', { min: 1 });
        const problem = firstProblem(user, artist, weight);
        if (problem) return { reject: problem };
        return ok({ userId: lastfmIds.user(user as number), productId: lastfmIds.artist(artist as number), count: int(weight as number) });
      }),
      references: (row) => ({ productIds: [row.productId] }),
      touches: (row) => [row.userId],
      write: async (rows) => {
        await upsertUsers(rows.map((row) => row.userId));
        return countsOf((await ctx.sink.upsertListens({ rows: lastPerKey(rows, (row) => `${row.userId}\u0000${row.productId}`) }))[0]);
      },
    }),
  );

  results.push(
    await importRows(ctx, {
      label: 'user_friends.dat',
      totalBytes: await fileSize(file('user_friends.dat')),
      rows: parsedLines(file('user_friends.dat'), { skipHeader: true }, (text) => {
        const parts = fields(text, '\t', 2);
        if (typeof parts === 'string') return { reject: parts };
        const a = parseInteger(parts[0], 'userID', { min: 0 });
        const b = parseInteger(parts[1], 'friendID', { min: 0 });
        const problem = firstProblem(a, b);
        if (problem) return { reject: problem };
        if (a === b) return { reject: 'self-friendship' };
        return ok({ followerId: lastfmIds.user(a as number), followeeId: lastfmIds.user(b as number), since: null, weight: 1 });
      }),
      references: (row) => ({ userIds: [row.followerId, row.followeeId] }),
      write: async (rows) => countsOf((await ctx.sink.upsertFollows({ rows: lastPerKey(rows, (row) => `${row.followerId}\u0000${row.followeeId}`) }))[0]),
    }),
  );

  // Tag assignments are aggregated (assignments per user×tag and artist×tag, first and last
  // day per user) while streaming, then written as absolute values: idempotent on re-run.
  const userTags = new Map<string, number>();
  const artistTags = new Map<string, number>();
  const userDays = new Map<string, { first: number; last: number }>();
  const assignments = await importRows(ctx, {
    label: 'user_taggedartists.dat',
    totalBytes: await fileSize(file('user_taggedartists.dat')),
    rows: parsedLines(file('user_taggedartists.dat'), { skipHeader: true }, (text) => {
      const parts = fields(text, '\t', 6);
      if (typeof parts === 'string') return { reject: parts };
      const [user, artist, tag, day, month, year] = parts.map((part, index) =>
        parseInteger(part, ['userID', 'artistID', 'tagID', 'day', 'month', 'year'][index] ?? 'field', { min: 0 }),
      );
      const problem = firstProblem(user, artist, tag, day, month, year);
      if (problem) return { reject: problem };
      const at = Date.UTC(year as number, (month as number) - 1, day as number);
      const date = new Date(at);
      if (Number.isNaN(at) || date.getUTCDate() !== day || (month as number) < 1 || (month as number) > 12) {
        return { reject: `invalid date ${year}-${month}-${day}` };
      }
      return ok({ userId: lastfmIds.user(user as number), productId: lastfmIds.artist(artist as number), interestId: lastfmIds.tag(tag as number), at });
    }),
    references: (row) => ({ userIds: [row.userId], productIds: [row.productId], interestIds: [row.interestId] }),
    write: async (rows) => {
      for (const row of rows) {
        const userKey = `${row.userId}\u0000${row.interestId}`;
        userTags.set(userKey, (userTags.get(userKey) ?? 0) + 1);
        const artistKey = `${row.productId}\u0000${row.interestId}`;
        artistTags.set(artistKey, (artistTags.get(artistKey) ?? 0) + 1);
        const days = userDays.get(row.userId);
        if (!days) userDays.set(row.userId, { first: row.at, last: row.at });
        else userDays.set(row.userId, { first: Math.min(days.first, row.at), last: Math.max(days.last, row.at) });
      }
    },
  });
  results.push(assignments);

  const split = (key: string) => key.split('\u0000') as [string, string];
  const writeAll = async <T>(label: string, items: T[], write: (batch: T[]) => Promise<WriteCounts | void>) => {
    async function* asRows() {
      let index = 0;
      for (const item of items) yield { line: (index += 1), raw: '', bytesRead: index, parsed: ok(item) };
    }
    results.push(await importRows(ctx, { label, totalBytes: items.length, rows: asRows(), write }));
  };
  await writeAll(
    'user interests (tags)',
    [...userTags].map(([key, weight]) => {
      const [userId, interestId] = split(key);
      return { userId, interestId, weight };
    }),
    async (rows) => countsOf((await ctx.sink.upsertUserInterests({ rows, now: nowParam }))[0]),
  );
  await writeAll(
    'artist interests (tags)',
    [...artistTags].map(([key, weight]) => {
      const [productId, interestId] = split(key);
      return { productId, interestId, weight };
    }),
    async (rows) => countsOf((await ctx.sink.upsertProductInterests({ rows }))[0]),
  );
  await writeAll(
    'user activity dates',
    [...userDays].map(([id, days]) => ({
      id,
      props: { createdAt: toNeo4jDateTime(new Date(days.first)), lastActiveAt: toNeo4jDateTime(new Date(days.last)) },
    })),
    async (rows) => countsOf((await ctx.sink.upsertUsers({ rows }))[0]),
  );
  return results;
}
