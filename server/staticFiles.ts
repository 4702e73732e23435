// The built embed (dist/) and the example pages, served from disk with fitting cache headers.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
};

// Only plain file names: no slashes, no "..", so nothing outside the folder can be asked for.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

async function file(dir: string, name: string): Promise<Buffer | null> {
  if (!SAFE_NAME.test(name) || name.includes('..')) return null;
  try {
    return await readFile(join(dir, name));
  } catch {
    return null;
  }
}

function typeOf(name: string): string {
  return TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

export function staticRoutes(distDir: string, examplesDir: string) {
  const app = new Hono();

  app.get('/embed.js', async (c) => {
    const body = await file(distDir, 'embed.js');
    if (!body) return c.text('embed.js is not built: run npm run build', 404);
    // Short cache: a new release reaches every site within minutes.
    return c.body(new Uint8Array(body), 200, { 'Content-Type': typeOf('embed.js'), 'Cache-Control': 'public, max-age=300' });
  });

  app.get('/chunks/:name', async (c) => {
    const name = c.req.param('name');
    const body = await file(join(distDir, 'chunks'), name);
    if (!body) return c.notFound();
    // Chunk names carry a content hash: they never change.
    return c.body(new Uint8Array(body), 200, { 'Content-Type': typeOf(name), 'Cache-Control': 'public, max-age=31536000, immutable' });
  });

  const page = async (name: string) => file(examplesDir, name);
  app.get('/', async (c) => {
    const body = await page('index.html');
    return body ? c.html(body.toString('utf8')) : c.notFound();
  });
  app.get('/examples/:name', async (c) => {
    const name = c.req.param('name');
    const body = /\.(html|css)$/.test(name) ? await page(name) : null;
    return body ? c.body(new Uint8Array(body), 200, { 'Content-Type': typeOf(name), 'Cache-Control': 'no-cache' }) : c.notFound();
  });
  return app;
}
