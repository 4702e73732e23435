// Which websites may book from a browser: the origins in practice.allowedOrigins, and always the server's own
// (practice.baseUrl), whose /book and /manage pages post from there. One answer for CORS, the POST guard,
// GET /api/origin-check and the /embed page.
import type { OriginCheck } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import { allowedOriginsLine } from '../../core/embedSnippet.ts';

export interface OriginPolicy {
  /** The server's own origin, from practice.baseUrl. */
  own: string;
  /** Whether a browser on `origin` (exactly as its Origin header says it) may call the API and book. */
  allowed(origin: string): boolean;
  /** The same, with the reason, or the config line that would allow it. */
  check(origin: string): OriginCheck;
}

export function originPolicy(config: Config): OriginPolicy {
  const own = new URL(config.practice.baseUrl).origin;
  const listed = config.practice.allowedOrigins;
  const allowed = (origin: string) => origin === own || listed.includes(origin);
  return {
    own,
    allowed,
    check: (origin) =>
      allowed(origin)
        ? { origin, allowed: true, because: listed.includes(origin) ? 'listed' : 'own' }
        : { origin, allowed: false, line: allowedOriginsLine(listed, origin) },
  };
}
