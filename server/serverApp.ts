// The Hono app: every route of the API and the static files, built from its collaborators (no socket here).
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { PublicConfig } from '../core/api.ts';
import type { Config } from '../core/config.ts';
import { limitBody } from './http/bodyLimit.ts';
import type { BookingDeps } from './booking/bookingDeps.ts';
import type { FeedStatus } from './feeds/feedCache.ts';
import { formStamps } from './booking/formStamp.ts';
import type { OutboxWorkerStatus } from './mail/outboxWorker.ts';
import { MAX_BODY_BYTES } from './http/jsonBody.ts';
import { REFUSALS, refusalForStatus, refuse } from './http/refusals.ts';
import { loggedPath, requestLog } from './http/requestLog.ts';
import type { Logger } from './logger.ts';
import { publicConfig } from './config/publicConfig.ts';
import type { BucketOptions } from './http/rateLimit.ts';
import { staticRoutes } from './http/staticFiles.ts';
import { availabilityRoutes } from './routes/availabilityRoutes.ts';
import { bookingRoutes } from './routes/bookingRoutes.ts';
import { manageRoutes } from './routes/manageRoutes.ts';
import { managePageRoutes } from './routes/managePage.ts';
import { bookPageRoutes } from './routes/bookPage.ts';
import { embedBuilderRoutes } from './routes/embedBuilderPage.ts';
import { duetElementRoutes } from './routes/duetElementScript.ts';
import { originCheckRoutes } from './routes/originCheckRoutes.ts';
import { coachRoutes } from './routes/coachRoutes.ts';
import type { BackgroundQueue } from './coach/backgroundQueue.ts';
import { originPolicy } from './http/originPolicy.ts';
import { StoreUnavailable, type Store } from './store/port.ts';
import { webhookHealth } from './webhooks/webhookHealth.ts';
import type { WebhookWorkerStatus } from './webhooks/webhookWorker.ts';

export interface AppDeps extends BookingDeps {
  /** The coaches' busy feeds for /healthz (none when absent). */
  feedStatus?: () => FeedStatus[];
  config: Config;
  store: Store;
  log: Logger;
  /** The mail sender's own trouble for /healthz (`outbox.error`): the storage error it is backing off from. */
  outboxStatus?: () => OutboxWorkerStatus;
  /** Called after a change wrote mail to the outbox (and webhooks to theirs). */
  onOutbox?: () => void;
  /** The webhook worker's own trouble for /healthz (`webhooks.error`). */
  webhookStatus?: () => WebhookWorkerStatus;
  /** Folder with the built embed (dist/) and the example pages. */
  distDir: string;
  examplesDir: string;
  /** The key form stamps are signed with (main.ts keeps it in DUET_DATA); a fresh random one when absent. */
  stampKey?: Buffer;
  /** Booking attempts per client address (default DEFAULT_BOOKING_RATE; its /24 or /48 three times that). */
  rateLimit?: BucketOptions;
  /** Where /coach runs a sign-in link's work after answering (tests wait on it); a fresh queue when absent. */
  coachQueue?: BackgroundQueue;
  /** Sign-in link requests per client address (default DEFAULT_LINK_RATE). */
  linkRate?: BucketOptions;
  /** Availability questions per client address (default DEFAULT_AVAILABILITY_RATE; its /24 or /48 three times that). */
  availabilityRate?: BucketOptions;
}

/** What a client is told to wait before trying again while the store cannot answer. */
const STORE_RETRY_AFTER_SECONDS = 30;

/** The origin of a Referer header, or null. */
function originOf(referer: string | undefined): string | null {
  try {
    return referer ? new URL(referer).origin : null;
  } catch {
    return null;
  }
}

export function createApp(appDeps: AppDeps) {
  const deps: AppDeps = { ...appDeps, stampKey: appDeps.stampKey ?? randomBytes(32) };
  const { config, store } = deps;
  const stamps = formStamps(deps.stampKey!);
  const app = new Hono();
  const publicSettings = publicConfig(config);

  app.use('*', requestLog(deps.log));
  // gzip for every answer the client accepts it for (API JSON, pages); the embed's files come precompressed (brotli).
  app.use('*', compress());

  // Exact origins only, never credentials: the API needs no cookies, and a reflected "*" would let any site book.
  // The server's own origin (baseUrl) is always allowed: the /book and /manage pages it serves post from there.
  const origins = originPolicy(config);
  const allowed = origins.allowed;
  // GET /api/config is public data, readable from any page: its answer says whether that page may book, so a widget
  // on a site missing from allowedOrigins can say so before anyone types (and name the origin to add).
  const openToAll = (path: string, method: string) => path === '/api/config' && method === 'GET';
  app.use(
    '/api/*',
    cors({
      origin: (origin, c) => (allowed(origin) || openToAll(c.req.path, c.req.method) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Idempotency-Key'],
      exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
      credentials: false,
      maxAge: 600,
    }),
  );
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && !allowed(origin)) {
      return refuse(c, REFUSALS.originNotAllowed);
    }
    await next();
  });
  app.use('/api/*', limitBody(MAX_BODY_BYTES));

  app.get('/healthz', async (c) => {
    // A failing feed does not make the server unhealthy: it answers from the last good copy.
    const feeds = deps.feedStatus?.() ?? [];
    // A store that does not answer is 503, never a 500: a load balancer or monitor reads this status.
    const health = await store.health(deps.clock());
    if (!health.ok) return c.json({ ok: false, feeds }, 503);
    // Mail waiting to go out (a growing backlog: the SMTP server is not taking it), mail given up on, and the
    // sender's own storage error if it is backing off from one (it keeps serving; mail waits).
    const worker = deps.outboxStatus?.() ?? {};
    const outbox = worker.error
      ? { ...health.outbox, error: worker.error, errorSince: new Date(worker.since!).toISOString() }
      : health.outbox;
    // Webhooks waiting, given up on, and endpoints a 410 disabled (only when the config has endpoints).
    const webhooks = await webhookHealth(store, config, deps.clock(), deps.webhookStatus?.());
    return c.json({ ok: true, feeds, outbox, ...(webhooks ? { webhooks } : {}) });
  });

  // A fresh stamp each time, so no cache may keep the answer. A browser sends no Origin with a same-origin GET (a page
  // served by this server on another port than baseUrl's): its Referer names the page then. Neither: no browser at all.
  app.get('/api/config', (c) => {
    const origin = c.req.header('origin') ?? originOf(c.req.header('referer'));
    const answer: PublicConfig = {
      ...publicSettings,
      origin: origin === null ? { origin, allowed: true } : origins.check(origin),
      stamp: stamps.issue(deps.clock()),
    };
    return c.json(answer, 200, { 'Cache-Control': 'no-store' });
  });

  app.route('/api/availability', availabilityRoutes(deps));
  app.route('/api/bookings', bookingRoutes(deps));
  app.route('/api/bookings', manageRoutes(deps));
  app.route('/api/origin-check', originCheckRoutes(origins));
  app.route('/', managePageRoutes(config));
  app.route('/', coachRoutes(deps));
  app.route('/', bookPageRoutes(config));
  app.route('/', embedBuilderRoutes(config, origins));
  app.route('/', duetElementRoutes(config, deps.distDir));

  app.route('/', staticRoutes(deps.distDir, deps.examplesDir));

  app.notFound((c) => refuse(c, REFUSALS.pageNotFound));
  app.onError((err, c) => {
    // A client error thrown by hono or a middleware keeps its 4xx status, in the API's error shape.
    if (err instanceof HTTPException && err.status < 500) {
      return refuse(c, refusalForStatus(err.status));
    }
    if (err instanceof StoreUnavailable) {
      deps.log.warn({ event: 'store_unavailable', path: loggedPath(c.req.path), reason: err.reason });
      c.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      return refuse(c, REFUSALS.storeUnavailable);
    }
    deps.log.warn({ event: 'error', path: loggedPath(c.req.path), error: err.name });
    return refuse(c, REFUSALS.internal);
  });
  return app;
}
