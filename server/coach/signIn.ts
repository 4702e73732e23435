// Signing in to /coach: a link asked for by address (the same answer, and the same time to answer, whoever asks),
// used once within 15 minutes to open a 12-hour session; the session read from its cookie; signing out.
import type { Context } from 'hono';
import type { Config } from '../../core/config.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { hashToken, newToken } from '../booking/tokens.ts';
import { tokenBuckets } from '../http/rateLimit.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/port.ts';
import type { BackgroundQueue } from './backgroundQueue.ts';
import { readSessionCookie, SESSION_MS, type CookiePolicy } from './sessionCookie.ts';
import { LINK_MINUTES, signInMail } from './signInMail.ts';
import { subjectOf, viewers, type Viewer } from './viewer.ts';

export interface SignInDeps {
  config: Config;
  store: Store;
  clock: () => number;
  log: Logger;
  queue: BackgroundQueue;
  onOutbox?: () => void;
}

/** Links mailed to one address: a burst of 3, then one every 5 minutes (silently: the answer never says). */
const PER_ADDRESS = { capacity: 3, refillPerMinute: 0.2 };

export function signIn(deps: SignInDeps) {
  const { config, store, clock } = deps;
  const people = viewers(config);
  const perAddress = tokenBuckets(PER_ADDRESS, clock);

  let purgedAt = -Infinity;
  /** Expired links and sessions, and sign-in mails a day old, go now and then (at most hourly, on a request for a link). */
  async function tidy(now: number) {
    if (now - purgedAt < HOUR_MS) return;
    purgedAt = now;
    await store.access.purge(now, now - DAY_MS);
  }

  /** Queues the link's work; returns at once. Unknown addresses are dropped there, after the answer. */
  function askForLink(email: string) {
    deps.queue.push(async () => {
      await tidy(clock());
      const subject = subjectOf(email);
      if (!perAddress.take(subject).ok) return;
      const viewer = people.get(subject);
      if (!viewer) return;
      const token = newToken();
      const now = clock();
      const expires = now + LINK_MINUTES * MINUTE_MS;
      const url = new URL(`/coach/link?token=${token}`, config.practice.baseUrl).href;
      const zone = config.coaches.find((c) => c.id === viewer.coachId)?.timeZone ?? config.practice.timeZone;
      await store.access.addLink({ hash: hashToken(token), subject, expires }, [signInMail(config, viewer, url, expires, zone)], now);
      deps.onOutbox?.();
      deps.log.info({ event: 'signin_link_queued' });
    });
  }

  /** Uses the link `token` up; the new session's secret (for the cookie) when it was good. */
  async function useLink(token: string): Promise<string | undefined> {
    const now = clock();
    const secret = newToken();
    const subject = await store.access.redeemLink(hashToken(token), now, { hash: hashToken(secret), expires: now + SESSION_MS });
    if (!subject || !people.has(subject)) return undefined;
    deps.log.info({ event: 'signed_in' });
    return secret;
  }

  /** The signed-in viewer of this request, if its cookie names a live session of someone who may still sign in. */
  async function viewerOf(c: Context, cookie: CookiePolicy): Promise<Viewer | undefined> {
    const secret = readSessionCookie(c, cookie);
    if (!secret) return undefined;
    const session = await store.access.session(hashToken(secret), clock());
    return session && people.get(session.subject);
  }

  async function signOut(c: Context, cookie: CookiePolicy) {
    const secret = readSessionCookie(c, cookie);
    if (secret && (await store.access.endSession(hashToken(secret)))) deps.log.info({ event: 'signed_out' });
  }

  return { askForLink, useLink, viewerOf, signOut };
}
