// One log line per request: method, path without its query (tokens), status, milliseconds, and the booking id where there is one.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';

// Ours are short and plain (ids, file names); anything else in a path was typed by someone and may be personal.
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]{0,64}$/;
const BOOKING_PATH = /^\/api\/bookings\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;

/** The path as logged: never the query string (tokens), and a segment that is not plain is replaced by "~". */
export function loggedPath(path: string): string {
  return path
    .slice(0, 512)
    .split('/')
    .map((s) => (PLAIN_SEGMENT.test(s) ? s : '~'))
    .join('/');
}

/** The booking a request is about, read from its path (`/api/bookings/:id/...`). */
export function bookingIdOf(path: string): string | undefined {
  return BOOKING_PATH.exec(path)?.[1];
}

/** One line per request: method, path without its query, status, milliseconds, and the booking id where there is one. */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const path = c.req.path;
    log.info({
      method: c.req.method,
      path: loggedPath(path),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      bookingId: bookingIdOf(path),
    });
  };
}
