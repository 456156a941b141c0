/**
 * The HTTP front door: a plain `node:http` server around `ApolloServer.executeHTTPGraphQLRequest`.
 *
 * Why not `startStandaloneServer`: it parses bodies (up to 50 MB) with express middleware,
 * answers body-parser failures with HTML and prints their stack traces, and installs its own
 * drain plugin next to Apollo's own signal handlers, so shutdown had two owners (see
 * src/lifecycle/shutdown.ts). Here every response is JSON, the body is capped, the per-request
 * path is as short as Node allows (it is the hot path of every profile page), and the server
 * can tell how many requests are in flight, so a shutdown can let them finish.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { Logger } from '../logger.js';
import type { StaticFiles } from './static-files.js';

export interface HttpOptions {
  host: string;
  port: number;
  /** Largest request body accepted, in bytes; larger ones get 413 before any parsing. */
  maxBodyBytes: number;
  /**
   * Checked from the headers alone, before the body is read: throws an error with
   * `extensions.code` (and `extensions.http.status`) to refuse the request. Used to check the
   * API key first, so an unknown caller cannot make the server read and parse megabytes.
   */
  admit?: (req: IncomingMessage) => void;
  /** Origins browsers may call from (exact match); others get no CORS headers. */
  allowedOrigins: readonly string[];
  logger: Logger;
  /** The dashboard's built files at every path but /graphql (null: not built, or not served). */
  web?: StaticFiles | null;
}

export interface HttpFrontDoor {
  url: string;
  /** Requests accepted and not yet answered. */
  inFlight: () => number;
  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then
   * cuts whatever is left. Idle keep-alive sockets are closed at once.
   */
  close: (graceMs: number) => Promise<void>;
}

type ContextFactory<TContext> = (req: IncomingMessage) => Promise<TContext>;

const GRAPHQL_PATH = '/graphql';

/** On every response of the front door; the dashboard's files replace the policy with theirs (static-files.ts). */
const API_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** The code of each response the front door refused itself, for its log line (never the body). */
const refusedCodes = new WeakMap<ServerResponse, string>();

/** One coded JSON error, the shape GraphQL clients already parse. */
function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  refusedCodes.set(res, code);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads the body up to `limit` bytes; resolves null when the client sent more (413 already sent). */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is over ${limit} bytes.`);
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is over ${limit} bytes.`);
        req.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * CORS for the configured origins only: answering any origin with `*` let every web page a
 * developer opened read the local API (PII included, as admin when API_KEYS is unset).
 */
function corsHeaders(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin || !allowed.includes(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-headers', 'content-type, authorization, x-api-key, apollo-require-preflight');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
}

/** The code and status of an error thrown by `admit`. */
function refusal(error: unknown): { status: number; code: string; message: string } | null {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } }).extensions;
  if (typeof extensions?.code !== 'string') return null;
  const status = typeof extensions.http?.status === 'number' ? extensions.http.status : 400;
  return { status, code: extensions.code, message: (error as Error).message };
}

export async function listenHttp<TContext extends object>(
  server: ApolloServer<TContext>,
  context: ContextFactory<TContext>,
  options: HttpOptions,
): Promise<HttpFrontDoor> {
  const log = options.logger.child({ module: 'http' });
  let inFlight = 0;
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Every answer, errors included (a 404 echoes the path): never sniffed as another type,
    // never a document that loads anything. Static pages set their own policy.
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
    corsHeaders(req, res, options.allowedOrigins);
    if (closing) res.setHeader('connection', 'close');
    if (url.pathname !== GRAPHQL_PATH) {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        req.resume();
        res.setHeader('allow', 'GET, HEAD');
        sendError(res, 405, 'METHOD_NOT_ALLOWED', `${method.slice(0, 20)} is not allowed here: only GET and HEAD are served outside ${GRAPHQL_PATH}.`);
        return;
      }
      if (options.web && (await options.web.serve(req, res, url.pathname))) return;
      const hint = options.web || url.pathname !== '/' ? '' : ' The dashboard is not built: run `npm run build`.';
      sendError(res, 404, 'NOT_FOUND', `Nothing is served at ${url.pathname.slice(0, 100)}; GraphQL is at ${GRAPHQL_PATH}.${hint}`);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (options.admit) {
      try {
        options.admit(req);
      } catch (error) {
        const refused = refusal(error);
        if (!refused) throw error;
        req.resume();
        sendError(res, refused.status, refused.code, refused.message);
        return;
      }
    }
    let body: unknown;
    if (method === 'POST') {
      const contentType = req.headers['content-type'] ?? '';
      const charset = /charset=([^;\s]+)/i.exec(contentType)?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported charset "${charset.slice(0, 40)}": send UTF-8 JSON.`);
        req.resume();
        return;
      }
      const text = await readBody(req, res, options.maxBodyBytes);
      if (text === null) return;
      if (/^application\/json/i.test(contentType)) {
        try {
          body = text.length === 0 ? undefined : JSON.parse(text);
        } catch {
          sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
          return;
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const request: HTTPGraphQLRequest = { method, headers, search: url.search, body };
    const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context(req) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const httpServer = http.createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    // Refusals before GraphQL get one structured line: method, path, status, code; no body, no headers.
    res.once('finish', () => {
      const code = refusedCodes.get(res);
      if (code) log.info({ method: req.method, path: (req.url ?? '').split('?')[0]?.slice(0, 100), status: res.statusCode, code }, 'request refused');
    });
    handle(req, res).catch((error: unknown) => {
      // Apollo answers GraphQL errors itself; reaching here is a transport failure.
      log.error({ err: error }, 'request failed outside GraphQL');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  });
  // Keep-alive connections from load balancers and browsers outlive a request; bounded so a
  // shutdown never waits on an idle socket.
  httpServer.keepAliveTimeout = 5_000;
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 120_000;
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Node's parser error code only (HPE_HEADER_OVERFLOW, …): its message can quote the bytes sent.
    log.info({ code: error.code ?? 'BAD_REQUEST' }, 'malformed HTTP request refused');
    if (socket.writable) {
      const headersTooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const status = headersTooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
      const message = headersTooLarge ? 'The request headers are too large.' : 'Malformed HTTP request.';
      const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ host: options.host, port: options.port }, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}${GRAPHQL_PATH}`,
    inFlight: () => inFlight,
    close: async (graceMs) => {
      closing = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      if (inFlight > 0) log.warn({ inFlight }, 'grace period over: closing requests still running');
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
