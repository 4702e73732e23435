// Coaches' busy feeds kept fresh in the background: fetch with a timeout and a size limit, keep the last
// good copy when a fetch fails, and answer availability from memory, never waiting on the network.
import { createHash } from 'node:crypto';
import { normalize, type Interval } from '../../core/interval.ts';
import type { Logger } from '../logger.ts';
import { expandBusy } from './feedExpand.ts';
import { parseFeed, type Feed } from './feedParse.ts';
import { DAY_MS, MINUTE_MS } from '../../core/time.ts';

export interface FeedCoach { id: string; timeZone: string; busyFeeds: readonly string[] }

export interface FeedCacheOptions {
  coaches: readonly FeedCoach[];
  /** Days ahead that availability can ask about (call.horizonDays). */
  horizonDays: number;
  clock: () => number;
  log: Logger;
  /** Between background refreshes; default 5 minutes. */
  refreshMs?: number;
  /** For one fetch, body included; default 10 s. */
  timeoutMs?: number;
  /** Larger bodies are cut off and refused; default 5 MB. */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/** One feed in /healthz: never its URL, which is a secret. */
export interface FeedStatus {
  coach: string;
  /** Host and a short hash of the URL, to tell feeds apart. */
  feed: string;
  ok: boolean;
  /** ISO instant of the last fetch that gave a readable calendar, or null. */
  lastSuccess: string | null;
  /** Why the last fetch failed ("timeout", "http_404", "not_icalendar", …), null when it did not. */
  error: string | null;
}

export interface FeedCache {
  /** Busy intervals per coach id, from the last good copy of each feed. */
  busy(): Record<string, Interval[]>;
  status(): FeedStatus[];
  /** Fetches every feed once (concurrent calls share one run) and recomputes the busy times. */
  refresh(): Promise<void>;
  /** First refresh now, then every refreshMs. */
  start(): void;
  stop(): void;
}

interface FeedState {
  coach: FeedCoach;
  url: string;
  label: string;
  feed: Feed | null;
  lastSuccess: number | null;
  error: string | null;
  skipped: number;
  busy: Interval[];
}

export function createFeedCache(opts: FeedCacheOptions): FeedCache {
  const refreshMs = opts.refreshMs ?? 5 * MINUTE_MS;
  const fetchLimits = { timeoutMs: opts.timeoutMs ?? 10_000, maxBytes: opts.maxBytes ?? 5 * 1024 * 1024, fetch: opts.fetch ?? fetch };
  const states: FeedState[] = opts.coaches.flatMap((coach) => coach.busyFeeds.map((url) => ({
    coach, url, label: feedLabel(url), feed: null, lastSuccess: null, error: null, skipped: 0, busy: [],
  })));
  let busy: Record<string, Interval[]> = {};
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const expandAll = () => {
    // A day back for calls already under way, and a day beyond the horizon for zone and buffer slack.
    const now = opts.clock();
    const range = { from: now - DAY_MS, to: now + (opts.horizonDays + 1) * DAY_MS };
    const next: Record<string, Interval[]> = {};
    for (const s of states) {
      if (s.feed) {
        try {
          const result = expandBusy(s.feed, { ...range, timeZone: s.coach.timeZone });
          s.busy = result.busy;
          if (result.skipped !== s.skipped && result.skipped > 0) {
            opts.log.warn({ event: 'feed_events_skipped', coach: s.coach.id, feed: s.label, count: result.skipped });
          }
          s.skipped = result.skipped;
        } catch (err) {
          // Keeps the previous expansion; one feed must not stop the others.
          opts.log.warn({ event: 'feed_expand_failed', coach: s.coach.id, feed: s.label, error: err instanceof Error ? err.name : 'unknown' });
        }
      }
      next[s.coach.id] = (next[s.coach.id] ?? []).concat(s.busy);
    }
    for (const id of Object.keys(next)) next[id] = normalize(next[id]);
    busy = next;
  };

  const refreshOne = async (s: FeedState) => {
    const fetched = await fetchFeed(s.url, fetchLimits);
    const parsed = fetched.ok ? parseFeed(fetched.text) : fetched;
    if (parsed.ok) {
      if (s.error !== null || s.lastSuccess === null) opts.log.info({ event: 'feed_ok', coach: s.coach.id, feed: s.label, events: parsed.events.length });
      s.feed = parsed;
      s.lastSuccess = opts.clock();
      s.error = null;
    } else {
      // Logged when a feed starts failing or fails differently, not on every refresh.
      if (s.error !== parsed.error) {
        opts.log.warn({ event: 'feed_failed', coach: s.coach.id, feed: s.label, error: parsed.error, keptCopy: s.feed !== null });
      }
      s.error = parsed.error;
    }
  };

  const refresh = () => {
    running ??= (async () => {
      try {
        await Promise.all(states.map(refreshOne));
        expandAll();
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    busy: () => busy,
    status: () => states.map((s) => ({
      coach: s.coach.id,
      feed: s.label,
      ok: s.error === null && s.lastSuccess !== null,
      lastSuccess: s.lastSuccess === null ? null : new Date(s.lastSuccess).toISOString(),
      error: s.error ?? (s.lastSuccess === null ? 'not_fetched_yet' : null),
    })),
    refresh,
    start() {
      if (timer || states.length === 0) return;
      const tick = () => {
        refresh().catch((err: unknown) => opts.log.warn({ event: 'feed_refresh_error', error: err instanceof Error ? err.name : 'unknown' }));
      };
      tick();
      timer = setInterval(tick, refreshMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

/** Host and the first 8 hex digits of the URL's SHA-256: names a feed in logs without its secret path. */
export function feedLabel(url: string): string {
  let host = 'invalid-url';
  try {
    host = new URL(url).host;
  } catch { /* keep the placeholder */ }
  return `${host}#${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}

export type FetchOutcome = { ok: true; text: string } | { ok: false; error: string };

/** GETs a feed (webcal:// as https://) within the time and size limits; never throws. */
export async function fetchFeed(url: string, limits: { timeoutMs: number; maxBytes: number; fetch: typeof fetch }): Promise<FetchOutcome> {
  const target = url.replace(/^webcals?:\/\//i, 'https://');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const res = await limits.fetch(target, { signal, redirect: 'follow', headers: { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1' } });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return { ok: false, error: `http_${res.status}` };
    }
    const declared = Number(res.headers.get('content-length'));
    if (declared > limits.maxBytes) {
      await res.body?.cancel().catch(() => {});
      return { ok: false, error: 'too_large' };
    }
    if (!res.body) return { ok: true, text: '' };
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, error: 'too_large' };
      }
      chunks.push(value);
    }
    return { ok: true, text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)) };
  } catch (err) {
    if (signal.aborted) return { ok: false, error: 'timeout' };
    return { ok: false, error: err instanceof TypeError ? 'network' : 'fetch_failed' };
  }
}
