// GET /api/availability under load with autocannon (which ships no types; this is the part of its API used here),
// the requests spread over many clients behind the bench server's one trusted proxy hop, each client in its own /24:
// the per-client limit on availability is generous, not unlimited, so one address could not make 500 requests/s.
import { createRequire } from 'node:module';

export interface LoadResult {
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface Request {
  path: string;
  headers: Record<string, string>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
  requests?: { method: 'GET'; setupRequest: (req: Request) => Request }[];
}) => Promise<LoadResult>;

const CLIENTS = 200;

export interface AvailabilityLoad {
  rps: number;
  seconds: number;
  connections?: number;
  /** The query of each request (default none: the whole horizon). */
  query?: () => string;
}

/** Requests at `rps` for `seconds`, each from one of 200 clients, gzip accepted as a browser would. */
export function loadAvailability(serverUrl: string, load: AvailabilityLoad): Promise<LoadResult> {
  const setupRequest = (req: Request): Request => ({
    ...req,
    path: `/api/availability${load.query?.() ?? ''}`,
    headers: { ...req.headers, 'x-forwarded-for': `10.${Math.floor(Math.random() * CLIENTS)}.0.1`, 'accept-encoding': 'gzip' },
  });
  return autocannon({
    url: serverUrl,
    connections: load.connections ?? 10,
    overallRate: load.rps,
    duration: load.seconds,
    requests: [{ method: 'GET', setupRequest }],
  });
}

/** The figure's common fields from a result. */
export const latencyOf = (result: LoadResult) => ({
  p50_ms: result.latency.p50,
  p99_ms: result.latency.p99,
  errors: result.non2xx + result.errors + result.timeouts,
});
