/**
 * The dashboard's built files (web/, built by `npm run build:web` into dist/web), served by the
 * API's own front door so a marketer needs one URL and the browser calls /graphql same-origin
 * (no CORS, the API key never leaves the origin). Read-only, GET and HEAD only, no directory
 * listings, nothing outside the root: a request path is resolved and must stay under it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The page may load only its own scripts and styles and talk only to its own origin: a
 * dashboard that shows PII must not be a place where injected markup can phone home.
 * Observable Plot writes style attributes, hence 'unsafe-inline' for styles (never scripts).
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface StaticFiles {
  /** Answers the request from the built files; false when it is not one of theirs (the caller answers 404). */
  serve: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
}

async function fileAt(file: string): Promise<{ size: number } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size } : null;
  } catch {
    return null;
  }
}

export function staticFiles(root: string): StaticFiles {
  const base = path.resolve(root);
  return {
    async serve(req, res, pathname) {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') return false;
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return false;
      }
      if (decoded.includes('\0')) return false;
      const wanted = path.resolve(base, `.${path.posix.normalize(decoded)}`);
      if (wanted !== base && !wanted.startsWith(base + path.sep)) return false;
      const file = wanted === base ? path.join(base, 'index.html') : wanted;
      const info = await fileAt(file);
      // The app routes by hash (#/people/u1), so only / and /index.html are pages; anything
      // else missing is a 404 rather than index.html (a wrong asset URL should fail loudly).
      if (!info) return false;
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      // Vite names assets by content hash: they never change, so browsers may keep them.
      const immutable = file.startsWith(path.join(base, 'assets') + path.sep);
      res.writeHead(200, {
        'content-type': type,
        'content-length': info.size,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      });
      if (method === 'HEAD') {
        res.end();
        return true;
      }
      await new Promise<void>((resolve, reject) => {
        const stream = createReadStream(file);
        stream.on('error', reject);
        stream.on('end', resolve);
        stream.pipe(res);
      });
      return true;
    },
  };
}
