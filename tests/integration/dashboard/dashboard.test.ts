/**
 * The dashboard in a real browser against the real server: the API (HTTP front door, API keys,
 * the built files at /) on the test Neo4j with a generated demo graph. Every screen loads with no
 * console error and no serious accessibility violation (axe-core), at laptop and tablet sizes,
 * and a screenshot of each lands in .ci/out/screenshots (DASHBOARD_SCREENSHOTS to move it); the
 * main flows work end to end: run analytics → KOLs and a KOL's followers; build a rule →
 * preview → save → export; seed → lookalike → save. PII shows masked for an analyst's key.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiServer, listenApi } from '../../../src/api.js';
import { PROJECT_ROOT } from '../../../src/config.js';
import type { HttpFrontDoor } from '../../../src/graphql/http.js';
import { DEFAULT_GENERATE_OPTIONS, SyntheticGraph } from '../../../src/ingest/generate.js';
import { loadSyntheticGraph } from '../../../src/ingest/synthetic-graph.js';
import { launchChromium, openPage, seriousAxeViolations, sidewaysOverflow } from '../../helpers/browser.js';
import { freePort } from '../../helpers/net.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const ADMIN_KEY = 'dashboard-admin-key-0001';
const ANALYST_KEY = 'dashboard-analyst-key-01';
const SCREENSHOTS = path.resolve(process.env['DASHBOARD_SCREENSHOTS'] ?? path.join(PROJECT_ROOT, '.ci', 'out', 'screenshots'));
const WEB_ROOT = path.join(PROJECT_ROOT, 'dist', 'web-test');

describe('dashboard in Chromium', async () => {
  const port = await freePort();
  const t = useTestDatabase({
    API_KEYS: `${ADMIN_KEY}:admin,${ANALYST_KEY}:analyst`,
    PORT: String(port),
    WEB_ROOT,
    PORTRAIT_MIN_BUCKET_SIZE: '5',
    CAMPAIGN_EXPORT_DIR: mkdtempSync(path.join(tmpdir(), 'dashboard-campaigns-')),
  });
  let front: HttpFrontDoor;
  let stopServer: () => Promise<void>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    // The same build `npm run build` makes, into a folder of the test's own.
    await build({ configFile: path.join(PROJECT_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: WEB_ROOT, emptyOutDir: true } });
    const server = buildApiServer(t.deps);
    front = await listenApi(server, t.deps);
    stopServer = () => server.stop();
    base = front.url.replace(/\/graphql$/, '/');
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await front?.close(1_000);
    await stopServer?.();
  });

  /** A fresh demo graph: the suite's database is reset before each test. */
  async function loadDemoGraph(): Promise<void> {
    const graph = new SyntheticGraph({ ...DEFAULT_GENERATE_OPTIONS, users: 300, seed: 42, now: new Date() });
    await loadSyntheticGraph(t.db, graph, t.config, t.deps.logger);
  }

  /** A browser context with the API key typed into the key field, as a user does. */
  async function signedIn(key: string, viewport = { width: 1366, height: 800 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const { page, errors } = await openPage(context);
    await page.goto(`${base}#/overview`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Use' }).click();
    await page.waitForLoadState('load');
    await page.getByTestId('counts').waitFor();
    // The first load, before the key was given, was refused (401) as it should be.
    errors.length = 0;
    return { context, page, errors };
  }

  async function runAnalyticsFromOverview(page: Page): Promise<void> {
    await page.goto(`${base}#/overview`);
    await page.getByRole('button', { name: 'Run analytics' }).click();
    await expect.poll(() => page.getByTestId('job-status').first().textContent(), { timeout: 150_000, interval: 1_000 }).toBe('SUCCEEDED');
  }

  it('asks for a key and shows the server’s coded error without one', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${base}#/overview`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/UNAUTHENTICATED/);
    expect(await page.getByRole('alert').first().textContent()).toMatch(/Set an API key/);
    // The browser logs the 401 itself; nothing else may fail.
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    await context.close();
  });

  it('opens in Simplified Chinese for a Chinese browser, switches language from the header and remembers it, with lang set', async () => {
    await loadDemoGraph();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
    const { page, errors } = await openPage(context);
    await page.goto(`${base}#/overview`);
    // Without a key: the code stays, a Chinese sentence says what it means, the API's message follows.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/^UNAUTHENTICATED 需要 API 密钥。 .+请在顶栏设置 API 密钥。$/);
    await page.locator('#api-key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: '使用' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('navigation', { name: '页面' }).getByRole('link', { name: '社群' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('概览 · profile-graph');
    // Every screen in Chinese: no console error, axe clean, nothing sideways, a screenshot each.
    const [someone] = await t.cypher<{ id: string }>('MATCH (u:User {consentProfiling: true}) RETURN u.id AS id ORDER BY u.id LIMIT 1');
    // Two reviews on their profile, one long (a table of mixed Chinese and Latin text must not push the page sideways).
    const [product] = await t.cypher<{ id: string }>('MATCH (p:Product) RETURN p.id AS id ORDER BY p.id LIMIT 1');
    const reviews = [
      { text: '送餐太慢了，饭都凉了，客服电话一直打不通，下次不会再点这家店的外卖了。Delivery was 40 min late.', score: 1 },
      { text: '味道不错，分量足。', score: 5 },
    ].map((review, i) => ({
      userId: someone!.id,
      productId: product!.id,
      kind: 'REVIEW',
      at: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      ...review,
    }));
    const recorded = await t.graphql(`mutation ($e: [EventInput!]!) { recordEvents(events: $e) { applied } }`, { e: reviews });
    expect(recorded.data?.recordEvents.applied).toBe(2);
    const screens: [string, string, string][] = [
      ['overview', '#/overview', '概览'],
      ['people', '#/people', '用户'],
      ['profile', `#/people/${someone!.id}`, '基本信息'],
      ['kols', '#/kols', '关键意见领袖（KOL）'],
      ['segments', '#/segments', '人群'],
      ['lookalike', '#/lookalike', '相似人群扩展'],
      ['campaigns', '#/campaigns', '营销活动'],
    ];
    for (const [name, hash, heading] of screens) {
      await page.goto(`${base}${hash}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-zh-CN.png`), fullPage: true });
      expect(await seriousAxeViolations(page), `${name} in Chinese`).toEqual([]);
      const sideways = await sidewaysOverflow(page);
      expect(sideways, `${name} in Chinese overflows by ${sideways}px`).toBeLessThanOrEqual(0);
    }
    // The profile's reviews, their sentiment's source in Chinese (no model without 500 rated Chinese reviews: not read).
    await page.goto(`${base}#/people/${someone!.id}`);
    await page.getByRole('region', { name: '评价（2）' }).getByText('未读出').first().waitFor();
    // Tags and the API's reasons (similar users) in Chinese too: the dashboard asks with Accept-Language.
    await page.getByRole('list', { name: '标签' }).getByText('生命周期').waitFor();
    const similar = (await page.getByRole('region', { name: '相似用户' }).textContent()) ?? '';
    expect(similar).toMatch(/共同兴趣|种子/);
    expect(similar).not.toMatch(/shares interests|seed engages/);
    // An empty screen says what fills it, in Chinese, with the action beside it.
    await page.goto(`${base}#/communities`);
    await page.getByText('社群来自 COMMUNITIES 分析，这张图上还没有运行过。').waitFor();
    await page.getByRole('button', { name: '立即运行 COMMUNITIES' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'communities-empty-zh-CN.png'), fullPage: true });
    expect(await seriousAxeViolations(page), 'empty communities in Chinese').toEqual([]);
    const overflow = await sidewaysOverflow(page);
    expect(overflow).toBeLessThanOrEqual(0);
    // English from the switch, kept across a reload.
    await page.locator('#language').selectOption('en');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Communities' }).waitFor();
    await page.reload();
    await page.getByText('Communities come from the COMMUNITIES analysis').waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('en');
    // The browser logs the keyless 401 itself; nothing else may fail.
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    await context.close();
  }, 120_000);

  it('says on an empty Communities screen what fills it, and fills it from the button there', async () => {
    await loadDemoGraph();
    const { context, page, errors } = await signedIn(ADMIN_KEY);
    await page.goto(`${base}#/communities`);
    await page.getByText('Communities come from the COMMUNITIES analysis, which has not run on this graph yet.').waitFor();
    expect(await seriousAxeViolations(page), 'empty communities').toEqual([]);
    await page.getByRole('button', { name: 'Run COMMUNITIES now' }).click();
    // The job runs; the screen follows it and draws the map once it has ended.
    await expect.poll(() => page.locator('svg.graph-svg circle').count(), { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('runs analytics, then every screen loads cleanly and accessibly at laptop and tablet sizes', async () => {
    await loadDemoGraph();
    const { context, page, errors } = await signedIn(ADMIN_KEY);
    await runAnalyticsFromOverview(page);
    const [someone] = await t.cypher<{ id: string }>('MATCH (u:User {consentProfiling: true})-[:PURCHASED]->() RETURN u.id AS id ORDER BY u.id LIMIT 1');
    const [community] = await t.cypher<{ id: string }>('MATCH (c:Community) RETURN c.id AS id ORDER BY c.index LIMIT 1');
    const screens: [string, string, () => Promise<void>][] = [
      ['overview', '#/overview', () => page.getByTestId('counts').waitFor()],
      ['people', '#/people', () => page.getByRole('cell').first().waitFor()],
      ['profile', `#/people/${someone!.id}`, () => page.getByRole('heading', { name: 'Recommendations' }).waitFor()],
      ['kols', '#/kols', () => page.getByTestId('kol-set-reach').waitFor()],
      ['communities', `#/communities/${community!.id}`, () => page.getByRole('heading', { name: 'Portrait' }).waitFor()],
      ['segments', '#/segments', () => page.getByTestId('preview-size').waitFor()],
      ['lookalike', '#/lookalike', () => page.getByRole('button', { name: 'Find lookalikes' }).waitFor()],
      ['campaigns', '#/campaigns', () => page.getByRole('button', { name: 'Create draft' }).waitFor()],
    ];
    for (const viewport of [
      { name: 'laptop', width: 1366, height: 800 },
      { name: 'tablet', width: 768, height: 1024 },
    ]) {
      await page.setViewportSize(viewport);
      for (const [name, hash, ready] of screens) {
        await page.goto(`${base}${hash}`);
        await ready();
        // Charts and graphs load lazily: let them draw before looking.
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport.name}.png`), fullPage: true });
        expect(await seriousAxeViolations(page), `${name} at ${viewport.name}`).toEqual([]);
        // Nothing may overflow the viewport sideways.
        const overflow = await sidewaysOverflow(page);
        expect(overflow, `${name} at ${viewport.name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      }
    }
    expect(errors).toEqual([]);
    // The graph views drew: a community map and, after a click, a KOL's followers.
    await page.goto(`${base}#/communities`);
    await expect.poll(() => page.locator('svg.graph-svg circle').count()).toBeGreaterThan(1);
    await page.goto(`${base}#/kols`);
    await page
      .getByRole('button', { name: /^Show followers of/ })
      .first()
      .click();
    await expect.poll(() => page.locator('svg.graph-svg circle').count()).toBeGreaterThan(1);
    // Seeding with KOLs: a campaign launched to the KOL set of five the analytics chose.
    await page.goto(`${base}#/campaigns`);
    await page.getByLabel('Name', { exact: true }).first().fill('KOL seeding');
    await page.getByRole('group', { name: 'Arm 1' }).getByLabel('Channel').selectOption('file:ids');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'KOL seeding: draft' }).waitFor();
    await page.getByLabel('Audience').selectOption('kol-set');
    await page.getByLabel('KOL set size k').fill('5');
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.getByRole('heading', { name: 'KOL seeding: running' }).waitFor();
    const [seeded] = await t.cypher<{ members: number }>(`MATCH (:Campaign {name: 'KOL seeding'})<-[m:IN_CAMPAIGN]-() RETURN count(m) AS members`);
    expect(Number(seeded!.members)).toBe(5);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('builds a rule, previews it live, saves it and exports it; then seeds a lookalike from it and saves the audience', async () => {
    await loadDemoGraph();
    const { context, page, errors } = await signedIn(ADMIN_KEY);
    await page.goto(`${base}#/segments`);
    // The default condition: did at least one purchase. Tighten it: at least two.
    await page.getByLabel('At least').fill('2');
    const [expected] = await t.cypher<{ n: number }>(
      `MATCH (u:User) WHERE u.consentProfiling = true AND u.consentMarketing = true AND COUNT { (u)-[:PURCHASED]->() } >= 2 RETURN count(u) AS n`,
    );
    const size = Number(expected!.n);
    await expect.poll(() => page.getByTestId('preview-size').textContent()).toMatch(new RegExp(`^${size.toLocaleString('en-US')} reachable`));
    await page.getByLabel('Segment name').fill('Repeat buyers');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Repeat buyers”' }).waitFor();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Repeat buyers' }).click();
    const file = await (await downloaded).path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBe(size + 1); // the header and one line per member

    await page.goto(`${base}#/lookalike`);
    await page.getByLabel('Segment', { exact: true }).selectOption({ label: `Repeat buyers (${size.toLocaleString('en-US')})` });
    await page.getByRole('button', { name: 'Find lookalikes' }).click();
    await page.getByRole('heading', { name: 'Members', exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.reasons li').count()).toBeGreaterThan(0);
    await page.getByLabel('Save as segment').fill('Like repeat buyers');
    await page.getByRole('button', { name: 'Save audience' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Like repeat buyers”' }).waitFor();
    const [saved] = await t.cypher<{ n: number }>(`MATCH (s:Segment {name: 'Like repeat buyers'}) RETURN count(s) AS n`);
    expect(Number(saved!.n)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('drafts a campaign, launches it to a saved segment, and reads its results, converters and delivery; then cancels it', async () => {
    await loadDemoGraph();
    await t.cypher(
      `MATCH (u:User {consentProfiling: true, consentMarketing: true}) WITH u ORDER BY u.id LIMIT 200
       WITH collect(u) AS members
       CREATE (s:Segment {id: 'campaign-audience', name: 'Spring audience', kind: 'IMPORTED', settings: '{}', seedSize: 0, size: size(members), createdAt: datetime()})
       WITH s, members UNWIND range(0, size(members) - 1) AS i WITH s, members[i] AS u, i CREATE (s)-[:INCLUDES {rank: i + 1, score: 1.0}]->(u)`,
    );
    const { context, page, errors } = await signedIn(ADMIN_KEY);
    await page.goto(`${base}#/campaigns`);
    await page.getByText('No campaign yet').waitFor();
    await page.getByLabel('Name', { exact: true }).first().fill('Spring coupon');
    await page.getByRole('group', { name: 'Arm 1' }).getByLabel('Channel').selectOption('file:ids');
    // The goal: a purchase of the product the members below buy.
    const [product] = await t.cypher<{ id: string }>('MATCH (p:Product) RETURN p.id AS id ORDER BY p.id LIMIT 1');
    await page.getByLabel('On', { exact: true }).selectOption('productId');
    await page.getByLabel('Product id', { exact: true }).fill(product!.id);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Spring coupon: draft' }).waitFor();
    await page.getByText(`Goal: purchase of product ${product!.id} within 14 days`).waitFor();
    await page.getByLabel('Audience').selectOption('campaign-audience');
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.getByRole('heading', { name: 'Spring coupon: running' }).waitFor();
    const [campaign] = await t.cypher<{ id: string; control: number; treated: number }>(
      `MATCH (c:Campaign {name: 'Spring coupon'})<-[m:IN_CAMPAIGN]-() RETURN c.id AS id,
         count(CASE WHEN m.arm = 'control' THEN 1 END) AS control, count(CASE WHEN m.arm IN ['A', 'B'] THEN 1 END) AS treated`,
    );
    await page
      .getByRole('status')
      .filter({ hasText: `Delivery: 0 contacted, ${Number(campaign!.treated)} to contact` })
      .waitFor();
    await page.getByRole('button', { name: 'Deliver now' }).click();
    // The file channels write under CAMPAIGN_EXPORT_DIR; the progress comes back every 5 s.
    await page
      .getByRole('status')
      .filter({ hasText: `Delivery: ${Number(campaign!.treated)} contacted, 0 to contact, 0 failed` })
      .waitFor({ timeout: 30_000 });
    // Purchases an hour after the assignment by every third member of arm A: its uplift over the control.
    await t.cypher(
      `MATCH (u:User)-[m:IN_CAMPAIGN {arm: 'A'}]->(:Campaign {id: $id}), (p:Product) WITH u, m, p ORDER BY u.id, p.id
       WITH u, m, collect(p)[0] AS p WITH u, m, p, toInteger(substring(u.id, 1)) AS n WHERE n % 3 = 0
       CREATE (u)-[:DID]->(:Event {kind: 'PURCHASE', productId: p.id, at: m.assignedAt + duration({hours: 1})})
       CREATE (u)-[:PURCHASED {at: m.assignedAt + duration({hours: 1}), quantity: 1, amount: 30.0}]->(p)`,
      { id: campaign!.id },
    );
    for (const viewport of [
      { name: 'laptop', width: 1366, height: 800 },
      { name: 'tablet', width: 768, height: 1024 },
    ]) {
      await page.setViewportSize(viewport);
      await page.reload();
      await page.getByRole('heading', { name: 'Results against the control' }).waitFor();
      await page.getByRole('heading', { name: 'Converters against non-converters' }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(SCREENSHOTS, `campaign-${viewport.name}.png`), fullPage: true });
      expect(await seriousAxeViolations(page), `campaign at ${viewport.name}`).toEqual([]);
      const overflow = await sidewaysOverflow(page);
      expect(overflow, `campaign at ${viewport.name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    const control = page.getByRole('region', { name: 'Results against the control' }).getByRole('row', { name: /^control / });
    expect(await control.getByRole('cell').nth(1).textContent()).toBe(Number(campaign!.control).toLocaleString('en-US'));
    await expect.poll(() => page.locator('figure.chart svg').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel the campaign' }).click();
    await page.getByRole('heading', { name: 'Spring coupon: cancelled' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('masks PII on a profile for an analyst and shows the server’s refusal when an analyst tries to save', async () => {
    await loadDemoGraph();
    const [withEmail] = await t.cypher<{ id: string; email: string }>(
      'MATCH (u:User) WHERE u.email IS NOT NULL RETURN u.id AS id, u.email AS email ORDER BY u.id LIMIT 1',
    );
    const { context, page } = await signedIn(ANALYST_KEY);
    await page.goto(`${base}#/people/${withEmail!.id}`);
    const row = page.getByRole('row').filter({ hasText: 'E-mail' });
    await expect.poll(() => row.textContent()).toMatch(/masked for your role/);
    expect(await page.content()).not.toContain(withEmail!.email);
    await page.goto(`${base}#/segments`);
    await page.getByLabel('Segment name').fill('Not allowed');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/FORBIDDEN/);
    await context.close();
  }, 120_000);
});
