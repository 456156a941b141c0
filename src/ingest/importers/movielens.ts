/**
 * MovieLens 100K layout (its licence keeps the data out of this repository; tests use small
 * fixtures in the same format). Files are `|`-separated without header, except u.data
 * (tab-separated); u.item is Latin-1.
 *
 * Mapping:
 *   u.genre       name|index                         → (:Interest {id: 'ml-g<index>', name})
 *   u.occupation  one per line                       → the allowed occupations (others are rejected)
 *   u.user        id|age|gender|occupation|zip       → (:User {id: 'ml-u<id>', birthYear: ratings year − age,
 *                                                        gender, occupation, region from the zip code})
 *   u.item        id|title|release|video|url|19 flags → (:Product {id: 'ml-m<id>', name, category: first genre,
 *                                                        releaseDate}) -[:HAS_INTEREST {weight: 1}]-> each genre
 *   u.data        user\titem\trating\ttimestamp       → RATE events through ActivityService.recordEvents:
 *                                                        RATED {score, at} and decayed interest weights
 * The ratings year is the year of the newest rating (a first, streaming pass over u.data).
 */
import path from 'node:path';
import type { ActivityEvent } from '../../activity/index.js';
import { int } from '../../db/values.js';
import { fileSize, readLines } from '../read-lines.js';
import { countsOf, fields, firstProblem, importEvents, importRows, ok, parsedLines, parseInteger, type ImportContext, type StepResult } from '../pipeline.js';

export const movielensIds = {
  user: (id: number) => `ml-u${id}`,
  movie: (id: number) => `ml-m${id}`,
  genre: (index: number) => `ml-g${index}`,
};
const GENRE_COUNT = 19;

/** US ZIP code → the Postal Service's national area by first digit; Canadian postcodes → Canada. */
export function zipToRegion(zip: string): string {
  const code = zip.trim().toUpperCase();
  if (/^\d{5}(-\d{4})?$/.test(code)) {
    const areas = [
      'Northeast',
      'New York-Pennsylvania',
      'Mid-Atlantic',
      'Southeast',
      'Great Lakes',
      'Upper Midwest',
      'Central',
      'South Central',
      'Mountain',
      'Pacific',
    ];
    return areas[Number(code[0])] ?? 'Unknown';
  }
  if (/^[A-Z]\d[A-Z]\s?\d([A-Z]\d?)?$/.test(code)) return 'Canada'; // MovieLens truncates to 5 characters
  return 'Unknown';
}

/** "01-Jan-1995" → "1995-01-01"; null when empty or unreadable. */
function releaseDate(value: string): string | null {
  const match = /^(\d{2})-([A-Za-z]{3})-(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const month = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf((match[2] ?? '').toLowerCase());
  return month < 0 ? null : `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1]}`;
}

export async function importMovielens(ctx: ImportContext, dir: string): Promise<StepResult[]> {
  const file = (name: string) => path.join(dir, name);
  const results: StepResult[] = [];

  const genres: string[] = [];
  results.push(
    await importRows(ctx, {
      label: 'u.genre',
      totalBytes: await fileSize(file('u.genre')),
      rows: parsedLines(file('u.genre'), {}, (text) => {
        const parts = fields(text, '|', 2);
        if (typeof parts === 'string') return { reject: parts };
        const index = parseInteger(parts[1], 'genre index', { min: 0 });
        if (typeof index === 'string') return { reject: index };
        if (index >= GENRE_COUNT) return { reject: `genre index ${index} is beyond the ${GENRE_COUNT} flags of u.item` };
        if (!parts[0]?.trim()) return { reject: 'empty genre name' };
        genres[index] = parts[0].trim();
        return ok({ id: movielensIds.genre(index), name: parts[0].trim() });
      }),
      write: async (rows) => void (await ctx.sink.upsertInterests({ rows })),
    }),
  );

  const occupations = new Set<string>();
  for await (const line of readLines(file('u.occupation'))) occupations.add(line.text.trim());

  let newestRating = 0;
  for await (const line of readLines(file('u.data'))) {
    const timestamp = Number(line.text.split('\t')[3]);
    if (Number.isSafeInteger(timestamp) && timestamp > newestRating) newestRating = timestamp;
  }
  const ratingsYear = newestRating > 0 ? new Date(newestRating * 1000).getUTCFullYear() : ctx.now.getUTCFullYear();

  results.push(
    await importRows(ctx, {
      label: 'u.user',
      totalBytes: await fileSize(file('u.user')),
      rows: parsedLines(file('u.user'), {}, (text) => {
        const parts = fields(text, '|', 5);
        if (typeof parts === 'string') return { reject: parts };
        const id = parseInteger(parts[0], 'user id', { min: 1 });
        const age = parseInteger(parts[1], 'age', { min: 1 });
        const problem = firstProblem(id, age);
        if (problem) return { reject: problem };
        if ((age as number) > 120) return { reject: `age ${age} is implausible` };
        const gender = parts[2] === 'F' ? 'FEMALE' : parts[2] === 'M' ? 'MALE' : null;
        if (!gender) return { reject: `gender "${parts[2]}" is not M or F` };
        const occupation = parts[3]?.trim() ?? '';
        if (occupations.size > 0 && !occupations.has(occupation)) return { reject: `unknown occupation "${occupation}"` };
        return ok({
          id: movielensIds.user(id as number),
          props: {
            displayName: `MovieLens user ${id}`,
            birthYear: int(ratingsYear - (age as number)),
            gender,
            occupation,
            region: zipToRegion(parts[4] ?? ''),
            consentProfiling: ctx.consent,
            consentMarketing: ctx.consent,
          },
        });
      }),
      touches: (row) => [row.id],
      write: async (rows) => countsOf((await ctx.sink.upsertUsers({ rows }))[0]),
    }),
  );

  results.push(
    await importRows(ctx, {
      label: 'u.item',
      totalBytes: await fileSize(file('u.item')),
      rows: parsedLines(file('u.item'), { encoding: 'latin1' }, (text) => {
        const parts = fields(text, '|', 5 + GENRE_COUNT);
        if (typeof parts === 'string') return { reject: parts };
        const id = parseInteger(parts[0], 'movie id', { min: 1 });
        if (typeof id === 'string') return { reject: id };
        if (!parts[1]?.trim()) return { reject: 'empty title' };
        const flags = parts.slice(5);
        if (flags.some((flag) => flag !== '0' && flag !== '1')) return { reject: 'genre flags must be 0 or 1' };
        const tagged = flags.flatMap((flag, index) => (flag === '1' ? [index] : []));
        return ok({
          id: movielensIds.movie(id),
          props: { name: parts[1].trim(), category: genres[tagged[0] ?? 0] ?? null, releaseDate: releaseDate(parts[2] ?? ''), url: parts[4] || null },
          interests: tagged.map((index) => ({ interestId: movielensIds.genre(index), weight: 1 })),
        });
      }),
      write: async (rows) => void (await ctx.sink.upsertProducts({ rows, replaceInterests: false })),
    }),
  );

  // Ratings go through the API's own event logic (idempotent: a replayed rating is ignored).
  results.push(
    await importRows<ActivityEvent>(ctx, {
      label: 'u.data',
      totalBytes: await fileSize(file('u.data')),
      rows: parsedLines(file('u.data'), {}, (text) => {
        const parts = fields(text, '\t', 4);
        if (typeof parts === 'string') return { reject: parts };
        const user = parseInteger(parts[0], 'user id', { min: 1 });
        const item = parseInteger(parts[1], 'item id', { min: 1 });
        const rating = parseInteger(parts[2], 'rating', { min: 1 });
        const timestamp = parseInteger(parts[3], 'timestamp', { min: 0 });
        const problem = firstProblem(user, item, rating, timestamp);
        if (problem) return { reject: problem };
        if ((rating as number) > 5) return { reject: `rating ${rating} is above 5` };
        return ok({
          userId: movielensIds.user(user as number),
          productId: movielensIds.movie(item as number),
          kind: 'RATE',
          at: new Date((timestamp as number) * 1000),
          score: rating as number,
        });
      }),
      references: (row) => ({ userIds: row.userId === null ? [] : [row.userId], productIds: [row.productId] }),
      write: importEvents(ctx),
    }),
  );
  return results;
}
