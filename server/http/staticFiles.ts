// The built embed (dist/), the embed builder's script and the example pages (under /examples/), served from disk
// with fitting cache headers, precompressed copies (.br, .gz from the build) where the browser takes them, and CORS
// on the chunks (module scripts need it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
};

// Only plain file names: no slashes, no "..", so nothing outside the folder can be asked for.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The example page that runs under the strict policy a careful site would set (README, "Content Security Policy"). */
export const STRICT_CSP_PAGE = 'csp.html';
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Seconds embed.js is fresh, and then served stale while it is revalidated. */
export const EMBED_MAX_AGE = 300;
export const EMBED_STALE = 86_400;

async function file(dir: string, name: string): Promise<Buffer | null> {
  if (!SAFE_NAME.test(name) || name.includes('..')) return null;
  try {
    return await readFile(join(dir, name));
  } catch {
    return null;
  }
}

// Hashed chunks never change, so each is read from disk once; kept in memory they are answered at once,
// even while the server is busy computing the availability the same page asked for.
const chunkCache = new Map<string, Buffer | null>();
async function chunkFile(dir: string, name: string): Promise<Buffer | null> {
  const key = join(dir, name);
  if (!chunkCache.has(key)) {
    const body = await file(dir, name);
    if (!body) return null; // not built yet: look again next time
    if (chunkCache.size > 500) chunkCache.clear();
    chunkCache.set(key, body);
  }
  return chunkCache.get(key)!;
}

function typeOf(name: string): string {
  return TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

/** The best copy the client accepts: brotli, then gzip (both made by the build), else the plain file. */
async function encoded(c: Context, dir: string, name: string, read = file): Promise<{ body: Buffer; encoding?: string } | null> {
  const accepts = (c.req.header('accept-encoding') ?? '').toLowerCase();
  for (const [encoding, ext] of [
    ['br', 'br'],
    ['gzip', 'gz'],
  ] as const) {
    if (!new RegExp(`\\b${encoding}\\b(?!;q=0(\\.0*)?\\b)`).test(accepts)) continue;
    const body = await read(dir, `${name}.${ext}`);
    if (body) return { body, encoding };
  }
  const body = await read(dir, name);
  return body && { body };
}

function send(c: Context, found: { body: Buffer; encoding?: string }, name: string, headers: Record<string, string>) {
  const all: Record<string, string> = {
    'Content-Type': typeOf(name),
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  };
  if (found.encoding) all['Content-Encoding'] = found.encoding;
  return c.body(new Uint8Array(found.body), 200, all);
}

export function staticRoutes(distDir: string, examplesDir: string) {
  const app = new Hono();

  // embed.js holds the first step, so it is worth keeping: five minutes fresh, then used at once for up to a day while
  // the browser asks again in the background (stale-while-revalidate), and asked with its ETag after that, which costs
  // a returning visitor a 304 at most. A release reaches a visitor within five minutes, or on their next visit after.
  // Each encoding has its own ETag (the hash of the bytes sent). The build keeps older chunks (vite.config.ts), so
  // a stale embed.js still finds the chunks it names.
  app.get('/embed.js', etag(), async (c) => {
    const found = await encoded(c, distDir, 'embed.js');
    if (!found) return c.text('embed.js is not built: run npm run build', 404);
    return send(c, found, 'embed.js', {
      'Cache-Control': `public, max-age=${EMBED_MAX_AGE}, stale-while-revalidate=${EMBED_STALE}`,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  // The /embed page's own script: not hashed, so briefly cached like the loader.
  app.get('/embed-builder.js', async (c) => {
    const found = await encoded(c, distDir, 'embed-builder.js');
    if (!found) return c.text('embed-builder.js is not built: run npm run build', 404);
    return send(c, found, 'embed-builder.js', { 'Cache-Control': 'public, max-age=300' });
  });

  app.get('/chunks/:name', async (c) => {
    const name = c.req.param('name');
    const found = /\.(js|css)$/.test(name) ? await encoded(c, join(distDir, 'chunks'), name, chunkFile) : null;
    if (!found) return c.notFound();
    // Chunk names carry a content hash: they never change. Sites on other origins import them as modules, which needs CORS.
    return send(c, found, name, {
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  const page = async (c: Context, name: string) => {
    const body = /\.(html|css)$/.test(name) ? await file(examplesDir, name) : null;
    if (!body) return c.notFound();
    const headers: Record<string, string> = { 'Content-Type': typeOf(name), 'Cache-Control': 'no-cache' };
    if (name === STRICT_CSP_PAGE) headers['Content-Security-Policy'] = STRICT_CSP;
    return c.body(new Uint8Array(body), 200, headers);
  };
  // The example site (plain page, hostile CSS, two widgets, strict CSP, …); "/" is the booking page (routes/bookPage.ts).
  app.get('/examples', (c) => c.redirect('/examples/', 301));
  app.get('/examples/', (c) => page(c, 'index.html'));
  // Browsers ask every host for an icon; the example site has none, and a 404 would only add noise to consoles.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  app.get('/examples/:name', (c) => page(c, c.req.param('name')));
  return app;
}
