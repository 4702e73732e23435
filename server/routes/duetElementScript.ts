// GET /duet-element.js: the <duet-booking> custom element (embed/element/), with this server's public origin
// written in, for site builders that take a custom element's script address instead of a script tag (Wix).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Config } from '../../core/config.ts';
import { serverOrigin } from '../../core/embedSnippet.ts';

const PLACEHOLDER = /\b__DUET_SERVER__\b/g;

export function duetElementRoutes(config: Config, distDir: string) {
  const app = new Hono();
  const origin = JSON.stringify(serverOrigin(config.practice.baseUrl));
  let code: string | undefined; // the built file never changes while the server runs
  app.get('/duet-element.js', async (c) => {
    if (code === undefined) {
      try {
        code = (await readFile(join(distDir, 'duet-element.js'), 'utf8')).replace(PLACEHOLDER, origin);
      } catch {
        return c.text('duet-element.js is not built: run npm run build', 404);
      }
    }
    return c.body(code, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Like embed.js: a release reaches every site within five minutes.
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      // A builder may load it as a module or by import() from its own origin, which needs CORS.
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });
  return app;
}
