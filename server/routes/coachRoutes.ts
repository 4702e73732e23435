// /coach: the coaches' and administrators' page. Sign-in by an emailed link, a session cookie, the calls, and the
// two changes a call's coaches make (hand it on, mark who did not come). Every POST must come from this server's own
// origin; every answer is a page of its own (no script), never cached. A call the viewer may not open is a 404.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { DAY_MS } from '../../core/time.ts';
import { backgroundQueue } from '../coach/backgroundQueue.ts';
import { callListPage, PAST_DAYS } from '../coach/callListPage.ts';
import { callPage } from '../coach/callPage.ts';
import { mayOpen } from '../coach/callText.ts';
import { COACH_PAGE_HEADERS } from '../coach/coachLayout.ts';
import { handOnCall, handOnNotice } from '../coach/handOn.ts';
import { recordAttendance } from '../coach/attendance.ts';
import { clearSessionCookie, cookiePolicy, writeSessionCookie } from '../coach/sessionCookie.ts';
import { signIn } from '../coach/signIn.ts';
import { linkPage, linkRefusedPage, linkSentPage, messagePage, signInPage } from '../coach/signInPages.ts';
import type { Viewer } from '../coach/viewer.ts';
import { limitBody } from '../http/bodyLimit.ts';
import { addressBuckets, clientAddress } from '../http/clientAddress.ts';
import { tokenBuckets, type BucketOptions } from '../http/rateLimit.ts';
import type { AppDeps } from '../serverApp.ts';
import { StoreUnavailable } from '../store/port.ts';

/** Link requests per client address: a burst of 5, then one a minute (the /24 or /48: three times that). */
export const DEFAULT_LINK_RATE: BucketOptions = { capacity: 5, refillPerMinute: 1 };

const Email = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('write your email address'),
  v.maxLength(254, 'this address is too long'),
  v.email('write a whole email address, such as name@example.org'),
);
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function coachRoutes(deps: AppDeps) {
  const { config, store, clock } = deps;
  const app = new Hono();
  const cookie = cookiePolicy(config);
  const own = new URL(config.practice.baseUrl).origin;
  const access = signIn({
    config,
    store,
    clock,
    log: deps.log,
    queue: deps.coachQueue ?? backgroundQueue(deps.log),
    onOutbox: deps.onOutbox,
  });
  const rate = deps.linkRate ?? DEFAULT_LINK_RATE;
  const ownBuckets = tokenBuckets(rate, clock);
  const wideBuckets = tokenBuckets({ capacity: rate.capacity * 3, refillPerMinute: rate.refillPerMinute * 3 }, clock);

  const page = (c: Context, html: string, status: 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503 = 200) =>
    c.html(html, status, COACH_PAGE_HEADERS);
  const notFound = (c: Context, viewer: Viewer) =>
    page(c, messagePage(config, 'No such call', 'There is no call at this address that you can open.', viewer), 404);

  /** One token from the client's bucket and its network's; false (after answering 429) when either is empty. */
  const limited = (c: Context): Response | undefined => {
    const keys = addressBuckets(clientAddress(c, config.practice.trustProxyHops));
    const a = ownBuckets.peek(keys.own);
    const b = keys.wide === undefined ? { ok: true as const } : wideBuckets.peek(keys.wide);
    if (!a.ok || !b.ok) {
      const seconds = Math.max(a.ok ? 0 : a.retryAfterSeconds, b.ok ? 0 : b.retryAfterSeconds);
      c.header('Retry-After', String(seconds));
      return page(c, messagePage(config, 'Please wait a moment', `Too many requests from here: try again in ${seconds} seconds.`), 429);
    }
    ownBuckets.take(keys.own);
    if (keys.wide !== undefined) wideBuckets.take(keys.wide);
    return undefined;
  };

  /** The form's fields; undefined for anything but a urlencoded form. */
  const form = async (c: Context): Promise<URLSearchParams | undefined> =>
    /^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '') ? new URLSearchParams(await c.req.text()) : undefined;

  app.onError((err, c) => {
    if (err instanceof StoreUnavailable) {
      deps.log.warn({ event: 'store_unavailable', path: '/coach', reason: err.reason });
      c.header('Retry-After', '30');
      return page(c, messagePage(config, 'Please try again in a minute', 'The calls cannot be read or changed just now.'), 503);
    }
    throw err;
  });

  // Every change comes from a form on this server's own pages: an Origin that is not ours (or none) is refused.
  app.use('/coach/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    if (c.req.header('origin') !== own) {
      deps.log.warn({ event: 'coach_origin_refused' });
      return page(c, messagePage(config, 'Not allowed', "This form can only be sent from the coaches' page itself."), 403);
    }
    return next();
  });
  app.use('/coach/*', limitBody(16 * 1024));

  const signedIn = async (c: Context, work: (viewer: Viewer) => Promise<Response>) => {
    const viewer = await access.viewerOf(c, cookie);
    if (!viewer) return c.req.method === 'GET' ? c.redirect('/coach', 303) : page(c, signInPage(config), 403);
    return work(viewer);
  };

  app.get('/coach', async (c) => {
    const viewer = await access.viewerOf(c, cookie);
    if (!viewer) return page(c, signInPage(config));
    const now = clock();
    const calls = await store.desk.calls(now - PAST_DAYS * DAY_MS, viewer.admin ? undefined : (viewer.coachId ?? ''));
    return page(c, callListPage(config, viewer, calls, now));
  });

  app.post('/coach/link', async (c) => {
    const refused = limited(c);
    if (refused) return refused;
    const fields = await form(c);
    if (!fields) return page(c, signInPage(config, 'Send the form from this page.'), 415);
    const email = v.safeParse(Email, fields.get('email') ?? '');
    if (!email.success) return page(c, signInPage(config, email.issues[0].message, fields.get('email') ?? ''), 422);
    // The lookup, the link and its mail happen after this answer, which is the same for every address.
    access.askForLink(email.output);
    return page(c, linkSentPage(config));
  });

  // Opening the link shows a button and changes nothing (mail scanners open links).
  app.get('/coach/link', (c) => page(c, linkPage(config, (c.req.query('token') ?? '').slice(0, 200))));

  app.post('/coach/session', async (c) => {
    const refused = limited(c);
    if (refused) return refused;
    const token = (await form(c))?.get('token') ?? '';
    const secret = token.length > 0 && token.length <= 200 ? await access.useLink(token) : undefined;
    if (!secret) return page(c, linkRefusedPage(config), 400);
    writeSessionCookie(c, cookie, secret);
    return c.redirect('/coach', 303);
  });

  app.post('/coach/signout', async (c) => {
    await access.signOut(c, cookie);
    clearSessionCookie(c, cookie);
    return c.redirect('/coach', 303);
  });

  app.get('/coach/calls/:id', (c) =>
    signedIn(c, async (viewer) => {
      const id = c.req.param('id');
      const call = ID.test(id) ? await store.desk.call(id) : undefined;
      if (!call || !mayOpen(viewer, call.booking)) return notFound(c, viewer);
      return page(
        c,
        callPage(config, viewer, call, clock(), c.req.query('saved') === 'attendance' ? 'Saved: who did not come.' : undefined),
      );
    }),
  );

  app.post('/coach/calls/:id/leave', (c) =>
    signedIn(c, async (viewer) => {
      const id = c.req.param('id');
      const fields = await form(c);
      if (!ID.test(id)) return notFound(c, viewer);
      const outcome = await handOnCall(deps, viewer, id, fields?.get('confirm') === 'yes');
      if (outcome.code === 'not_found') return notFound(c, viewer);
      if (outcome.ok) deps.onOutbox?.();
      const [title, text, status] = handOnNotice(config, outcome);
      return page(c, messagePage(config, title, text, viewer), status);
    }),
  );

  app.post('/coach/calls/:id/attendance', (c) =>
    signedIn(c, async (viewer) => {
      const id = c.req.param('id');
      const fields = await form(c);
      if (!ID.test(id)) return notFound(c, viewer);
      const outcome = await recordAttendance(deps, viewer, id, fields?.getAll('absent') ?? []);
      if (outcome === 'not_found') return notFound(c, viewer);
      if (outcome !== 'ok') return page(c, messagePage(config, 'Not saved', outcome, viewer), 409);
      return c.redirect(`/coach/calls/${id}?saved=attendance`, 303);
    }),
  );

  return app;
}
