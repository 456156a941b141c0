import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../src/ingest/generate.js';
import { toE164 } from '../../src/identities/identity.js';
import { createRandom } from '../../src/lib/random.js';

const options = { ...DEFAULT_GENERATE_OPTIONS, users: 2_000, seed: 11, now: new Date('2026-06-01T00:00:00Z') };

describe('synthetic graph', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(createRandom(1)()).toBe(createRandom(1)());
    expect(createRandom(1)()).not.toBe(createRandom(2)());
    const a = [...new SyntheticGraph(options).follows()];
    const b = [...new SyntheticGraph(options).follows()];
    const c = [...new SyntheticGraph({ ...options, seed: 12 }).follows()];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('plants communities with the requested mixing and a heavy-tailed in-degree', () => {
    const graph = new SyntheticGraph(options);
    const community = (id: string) => graph.communityOf(Number(id.slice(1)));
    const follows = [...graph.follows()];
    const mixed = follows.filter((f) => community(f.followerId) !== community(f.followeeId)).length / follows.length;
    // Reverse edges of mixed follows are mixed too, so the measured share stays near μ.
    expect(mixed).toBeGreaterThan(options.mixing * 0.6);
    expect(mixed).toBeLessThan(options.mixing * 1.4);
    const inDegree = new Map<string, number>();
    for (const f of follows) inDegree.set(f.followeeId, (inDegree.get(f.followeeId) ?? 0) + 1);
    const degrees = [...inDegree.values()].sort((x, y) => y - x);
    const mean = follows.length / options.users;
    expect(degrees[0]).toBeGreaterThan(mean * 8); // KOLs exist
    expect(new Set(follows.map((f) => `${f.followerId}>${f.followeeId}`)).size).toBeGreaterThan(follows.length * 0.97);
  });

  it('correlates interests with communities and purchases with interests', () => {
    const graph = new SyntheticGraph(options);
    let home = 0;
    let total = 0;
    for (let u = 0; u < 500; u += 1) {
      const homes = new Set(graph.homeInterests(graph.communityOf(u)));
      for (const { interest } of graph.userInterestIndices(u)) {
        total += 1;
        if (homes.has(interest)) home += 1;
      }
    }
    expect(home / total).toBeGreaterThan(0.5);
    const events = [...graph.events()].filter((e) => e.kind === 'PURCHASE').slice(0, 500);
    const matching = events.filter((e) => {
      const user = Number(e.userId.slice(1));
      const mine = new Set(graph.userInterestIndices(user).map((i) => i.interest));
      return graph.productInterestIndices(Number(e.productId.slice(1))).some((i) => mine.has(i));
    });
    expect(matching.length / events.length).toBeGreaterThan(0.9);
  });
});

describe('synthetic graph locales', () => {
  it('gives the same graph in zh-CN, labelled in Chinese: names, provinces and cities, +86 mobile numbers', () => {
    const english = new SyntheticGraph(options);
    const chinese = new SyntheticGraph({ ...options, locale: 'zh-CN' });
    expect([...chinese.follows()]).toEqual([...english.follows()]);
    expect([...chinese.events()]).toEqual([...english.events()]);
    const han = /^[\p{Script=Han}]+$/u;
    const users = [...chinese.users()].slice(0, 200);
    for (const user of users) {
      expect(user.displayName).toMatch(han);
      expect(user.region).toMatch(/^\p{Script=Han}+(省|市)$/u);
      expect(user.city).toMatch(/^\p{Script=Han}+市$/u);
      expect(user.occupation).toMatch(han);
      // A valid mainland mobile number, as identity resolution parses it.
      expect(toE164(user.phone, null)).toBe(user.phone);
      expect(user.phone).toMatch(/^\+8613\d{9}$/);
    }
    expect(new Set(users.map((user) => user.region)).size).toBeGreaterThan(3);
    expect([...chinese.interests()].every((interest) => /\p{Script=Han}/u.test(interest.name))).toBe(true);
    expect([...chinese.products()][0]?.name).toMatch(/商品0$/);
    // English is what it always was.
    expect([...english.users()][0]?.phone).toMatch(/^\+4479\d{8}$/);
  });
});
