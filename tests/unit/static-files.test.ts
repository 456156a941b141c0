/**
 * The dashboard's file server on its own (no Neo4j): files under the root only, whatever the
 * path encodes; GET and HEAD only; hashed assets cacheable, pages not; the CSP on every answer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../src/graphql/static-files.js';

describe('staticFiles', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'static-files-'));
  const root = path.join(parent, 'web');
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(path.join(parent, 'secret.txt'), 'outside the root');
    const files = staticFiles(root);
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      void files.serve(req, res, url.pathname).then((served) => {
        if (!served) res.writeHead(404).end('nope');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A raw request: fetch would normalise `..` away before sending. */
  const raw = (method: string, target: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request(`${base}${target.startsWith('/') ? '' : '/'}`, { method, path: target }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves index.html at / with the CSP and no caching', async () => {
    const res = await raw('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.body).toContain('<title>t</title>');
  });

  it('lets browsers keep hashed assets, and answers HEAD without a body', async () => {
    const get = await raw('GET', '/assets/app-1a2b.js');
    expect(get.headers['cache-control']).toMatch(/immutable/);
    expect(get.headers['content-type']).toMatch(/^text\/javascript/);
    const head = await raw('HEAD', '/assets/app-1a2b.js');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('console.log(1)'.length));
  });

  it('never leaves the root, however the path is spelled', async () => {
    for (const target of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%00', '/%E0%A4%A']) {
      const res = await raw('GET', target);
      expect(res.status, target).toBe(404);
      expect(res.body, target).not.toContain('outside the root');
    }
  });

  it('serves no directories, no missing files and nothing but GET and HEAD', async () => {
    expect((await raw('GET', '/assets/')).status).toBe(404);
    expect((await raw('GET', '/missing.js')).status).toBe(404);
    expect((await raw('POST', '/')).status).toBe(404);
    expect((await raw('DELETE', '/index.html')).status).toBe(404);
  });
});
