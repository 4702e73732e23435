// GET /api/origin-check?origin=: may a site on this origin book? The embed builder (/embed) asks for the address a
// site editor types; the answer comes from the same policy as CORS and the POST guard, with the config line to add.
import { Hono } from 'hono';
import { siteOrigin } from '../../core/embedSnippet.ts';
import type { OriginPolicy } from '../http/originPolicy.ts';
import { REFUSALS, refuse } from '../http/refusals.ts';

export function originCheckRoutes(policy: OriginPolicy) {
  const app = new Hono();
  app.get('/', (c) => {
    const typed = c.req.query('origin') ?? '';
    // A whole address is fine (https://www.example.org/about): what a browser sends as Origin is its origin.
    const origin = typed.length <= 2048 ? siteOrigin(typed) : null;
    if (!origin) {
      return refuse(c, REFUSALS.invalidOrigin, [
        { path: 'origin', message: typed ? 'expected a web address such as https://www.example.org' : "expected the site's address" },
      ]);
    }
    return c.json(policy.check(origin), 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
