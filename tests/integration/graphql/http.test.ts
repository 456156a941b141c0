/**
 * The HTTP front door as clients and attackers meet it: a real listening server.
 */
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/context.js';
import type { HttpFrontDoor } from '../../../src/graphql/http.js';
import { maxBodyBytes } from '../../../src/graphql/server.js';
import { buildApiServer, listenApi } from '../../../src/api.js';
import { createLogger } from '../../../src/logger.js';
import { freePort } from '../../helpers/net.js';
import { useTestDatabase } from '../../helpers/test-db.js';

const KEY = 'http-key-0123456789abcdef';

describe('HTTP front door', () => {
  let port = 0;
  const t = useTestDatabase({ API_KEYS: `${KEY}:admin` });
  let server: ApolloServer<Context>;
  let http: HttpFrontDoor;

  /** What the server logged, one JSON object per line. */
  const logged: string[] = [];

  beforeAll(async () => {
    port = await freePort();
    const logger = createLogger('info', 'http-test', { write: (line: string) => void logged.push(line) });
    const deps = { ...t.deps, logger, config: { ...t.deps.config, http: { ...t.deps.config.http, port } } };
    server = buildApiServer(deps);
    http = await listenApi(server, deps);
  });

  afterAll(async () => {
    await http?.close(1_000);
    await server?.stop();
  });

  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(http.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers }, body });

  it('checks the API key before reading the body', async () => {
    // Over the body cap and not even JSON, from a caller without a key: the answer is about the
    // key (read from the headers), not about the body the server never read.
    for (const body of ['x'.repeat(9 * 1024 * 1024), '{ not json']) {
      const response = await post(body, { authorization: 'Bearer not-a-key-0123456789' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const ok = await post(JSON.stringify({ query: '{ __typename }' }));
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a syntax error with 400 and GRAPHQL_PARSE_FAILED, and a bad persisted query with a code', async () => {
    const syntax = await post(JSON.stringify({ query: '{ user(id: "a" { id }' }));
    expect(syntax.status).toBe(400);
    expect(await syntax.json()).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
    for (const request of [
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'not-a-hash' } } },
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } },
    ]) {
      const persisted = await post(JSON.stringify(request));
      const body = (await persisted.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(persisted.status, JSON.stringify(body)).toBeLessThan(500);
      expect(body.errors[0]?.extensions.code, JSON.stringify(request) + JSON.stringify(body)).not.toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors[0]?.extensions.code).toMatch(/^PERSISTED_QUERY_NOT_(FOUND|SUPPORTED)$|^BAD_REQUEST$/);
    }
  });

  it('answers malformed JSON, a foreign charset and unknown paths with coded JSON errors', async () => {
    for (const [response, status, code] of [
      [await post('{"query": '), 400, 'BAD_REQUEST'],
      [await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await fetch(http.url.replace('/graphql', '/nope')), 404, 'NOT_FOUND'],
    ] as const) {
      expect(response.status).toBe(status);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code } }] });
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
    }
  });

  it('sends nosniff and a content policy with every answer, a 404 that echoes the path included; other methods than GET and HEAD outside /graphql are 405', async () => {
    const echoed = await fetch(http.url.replace('/graphql', '/%3Cscript%3Ealert(1)%3C%2Fscript%3E'));
    expect(echoed.status).toBe(404);
    const graphqlAnswer = await post(JSON.stringify({ query: '{ __typename }' }));
    for (const response of [echoed, graphqlAnswer]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    for (const method of ['PUT', 'DELETE', 'PATCH', 'POST']) {
      for (const where of ['/', '/index.html', '/assets/app.js', '/nope']) {
        const response = await fetch(http.url.replace('/graphql', where), { method, headers: { authorization: `Bearer ${KEY}` }, body: 'x' });
        expect(response.status, `${method} ${where}`).toBe(405);
        expect(response.headers.get('allow')).toBe('GET, HEAD');
        expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
      }
    }
  });

  it('logs every refusal as one structured line without body content; raw parser errors never reach stderr', async () => {
    logged.length = 0;
    await post('{"query": "\u0001 secret-body-fragment');
    await post(Buffer.from('{"query":"\x01\x02 secret-body-fragment'));
    // A header over Node's limit: refused by the HTTP parser itself.
    const oversized = await fetch(http.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-big': 'a'.repeat(20_000) }, body: '{}' }).catch(
      () => null,
    );
    if (oversized) expect(oversized.status).toBe(431);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line['msg'] === 'request refused').map((line) => line['code'])).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
    expect(logged.join('')).not.toContain('secret-body-fragment');
    expect(logged.join('')).not.toMatch(/\bat \S+ \(|node_modules/);
  });

  it('caps the body at what the largest legitimate batch needs', async () => {
    const cap = maxBodyBytes(t.config.limits);
    // MAX_BATCH_SIZE users with every text field at its limit and three interests: it fits.
    const user = (i: number) => ({
      id: `u${i}`.padEnd(200, 'x'),
      displayName: 'd'.repeat(200),
      region: 'r'.repeat(100),
      city: 'c'.repeat(100),
      occupation: 'o'.repeat(100),
      email: `${'e'.repeat(240)}@example.com`,
      phone: '+447900000001',
      consentProfiling: true,
      interests: ['a', 'b', 'c'].map((id) => ({ interestId: id.padEnd(40, 'i'), weight: 1 })),
    });
    const largest = JSON.stringify({
      query: 'mutation ($u: [UserInput!]!) { upsertUsers(input: $u) { created } }',
      variables: { u: Array.from({ length: t.config.limits.maxBatchSize }, (_, i) => user(i)) },
    });
    expect(Buffer.byteLength(largest)).toBeLessThan(cap);
    const response = await post(Buffer.alloc(cap + 1, ' '));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = t.config.http.corsOrigins[0]!;
    const fromAllowed = await post(JSON.stringify({ query: '{ __typename }' }), { origin: allowed });
    expect(fromAllowed.headers.get('access-control-allow-origin')).toBe(allowed);
    const fromElsewhere = await post(JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example' });
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});
