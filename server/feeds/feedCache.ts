// Coaches' busy feeds kept fresh in the background: fetched safely, expanded in a worker within a budget,
// not expanded again while their bytes are unchanged, and answered from memory, never waiting on either.
import { createHash } from 'node:crypto';
import { normalize, type Interval } from '../../core/interval.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_BUDGET, type Budget } from './feedBudget.ts';
import { fetchFeed, type FetchLimits } from './feedFetch.ts';
import { createFeedRunner, type FeedRunner } from './feedRunner.ts';
import { DAY_MS } from '../../core/time.ts';

export interface FeedCoach {
  id: string;
  timeZone: string;
  email?: string;
  busyFeeds: readonly string[];
}

export interface FeedCacheOptions {
  coaches: readonly FeedCoach[];
  /** Days ahead that availability can ask about (call.horizonDays). */
  horizonDays: number;
  clock: () => number;
  log: Logger;
  /** Between background refreshes; default 5 minutes. */
  refreshMs?: number;
  /** For one fetch, redirects and body included; default 10 s. */
  timeoutMs?: number;
  /** Larger bodies are cut off and refused; default 5 MB. */
  maxBytes?: number;
  /** What one expansion of one feed may cost. */
  budget?: Budget;
  runner?: FeedRunner;
}

/** One feed in /healthz: never its URL, which is a secret. */
export interface FeedStatus {
  coach: string;
  /** Host and a short hash of the URL, to tell feeds apart. */
  feed: string;
  ok: boolean;
  /** ISO instant of the last refresh that gave a readable calendar, or null. */
  lastSuccess: string | null;
  /** Why the last refresh failed ("timeout", "http_404", "over_budget", …), null when it did not. */
  error: string | null;
  /** VEVENTs read in the copy the busy times come from. */
  events: number;
  /** Events or properties of that copy that could not be used, by line. */
  skipped: string[];
  /** How something was read that the practice may want to check. */
  warnings: string[];
}

export interface FeedCache {
  /** Busy intervals per coach id, from the last good copy of each feed. */
  busy(): Record<string, Interval[]>;
  status(): FeedStatus[];
  /** Fetches every feed once (concurrent calls share one run) and recomputes the busy times. */
  refresh(): Promise<void>;
  /** First refresh now, then every refreshMs. */
  start(): void;
  stop(): Promise<void>;
}

/** The bytes last fetched and what reading them gave; identical bytes are not read again. */
interface Copy {
  hash: string;
  text: string;
  etag?: string;
  lastModified?: string;
  error: string | null;
  coveredTo: number;
}

interface FeedState {
  coach: FeedCoach;
  url: string;
  label: string;
  copy: Copy | null;
  busy: Interval[];
  events: number;
  skipped: string[];
  warnings: string[];
  lastSuccess: number | null;
  error: string | null;
}

/** A day back for calls under way; a week past the horizon, so an unchanged feed is read again weekly. */
const BEHIND = DAY_MS;
const AHEAD_DAYS = 8;

export function createFeedCache(opts: FeedCacheOptions): FeedCache {
  const refreshMs = opts.refreshMs ?? 5 * 60_000;
  const limits: FetchLimits = { timeoutMs: opts.timeoutMs ?? 10_000, maxBytes: opts.maxBytes ?? 5 * 1024 * 1024 };
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const runner = opts.runner ?? createFeedRunner();
  const states: FeedState[] = opts.coaches.flatMap((coach) =>
    coach.busyFeeds.map((url) => ({
      coach,
      url,
      label: feedLabel(url),
      copy: null,
      busy: [],
      events: 0,
      skipped: [],
      warnings: [],
      lastSuccess: null,
      error: null,
    })),
  );
  let busy: Record<string, Interval[]> = {};
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const fields = (s: FeedState) => ({ coach: s.coach.id, feed: s.label });

  const failed = (s: FeedState, error: string) => {
    // Logged when a feed starts failing or fails differently, not on every refresh.
    if (s.error !== error) opts.log.warn({ event: 'feed_failed', ...fields(s), error, keptCopy: s.lastSuccess !== null });
    s.error = error;
  };

  const read = async (s: FeedState, copy: Copy) => {
    const now = opts.clock();
    const range = {
      from: now - BEHIND,
      to: now + (opts.horizonDays + AHEAD_DAYS) * DAY_MS,
      timeZone: s.coach.timeZone,
      email: s.coach.email,
      budget,
    };
    const outcome = await runner.read(copy.text, range);
    s.copy = { ...copy, error: outcome.ok ? null : outcome.error, coveredTo: range.to };
    if (!outcome.ok) {
      failed(s, outcome.error); // the busy times of the last good copy stay
      return;
    }
    s.busy = outcome.busy;
    s.events = outcome.events;
    s.skipped = outcome.skipped;
    s.warnings = outcome.warnings;
    opts.log.info({
      event: 'feed_read',
      ...fields(s),
      events: outcome.events,
      skipped: outcome.skipped.length ? outcome.skipped.join('; ') : undefined,
      warnings: outcome.warnings.length ? outcome.warnings.join('; ') : undefined,
    });
    succeeded(s);
  };

  const succeeded = (s: FeedState) => {
    if (s.error !== null) opts.log.info({ event: 'feed_ok', ...fields(s) });
    s.error = null;
    s.lastSuccess = opts.clock();
  };

  const refreshOne = async (s: FeedState) => {
    const validators = s.copy ? { etag: s.copy.etag, lastModified: s.copy.lastModified } : {};
    const fetched = await fetchFeed(s.url, limits, validators);
    if (!fetched.ok) return failed(s, fetched.error);
    let copy = s.copy;
    if (!fetched.unchanged) {
      const hash = createHash('sha256').update(fetched.body).digest('hex');
      if (!copy || copy.hash !== hash) {
        const text = new TextDecoder('utf-8').decode(fetched.body);
        return read(s, { hash, text, etag: fetched.etag, lastModified: fetched.lastModified, error: null, coveredTo: 0 });
      }
      copy = s.copy = { ...copy, etag: fetched.etag, lastModified: fetched.lastModified };
    }
    if (!copy) return failed(s, 'not_modified_without_copy');
    // The same bytes as last time: read again only when the horizon has moved past what was read.
    if (copy.error !== null) return failed(s, copy.error);
    if (copy.coveredTo < opts.clock() + (opts.horizonDays + 1) * DAY_MS) return read(s, copy);
    succeeded(s);
  };

  const combine = () => {
    const next: Record<string, Interval[]> = {};
    for (const s of states) next[s.coach.id] = (next[s.coach.id] ?? []).concat(s.busy);
    for (const id of Object.keys(next)) next[id] = normalize(next[id]);
    busy = next;
  };

  const refresh = () => {
    running ??= (async () => {
      try {
        await Promise.all(
          states.map((s) => refreshOne(s).catch((err: unknown) => failed(s, err instanceof Error ? 'refresh_failed' : 'unknown'))),
        );
        combine();
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    busy: () => busy,
    status: () =>
      states.map((s) => ({
        coach: s.coach.id,
        feed: s.label,
        ok: s.error === null && s.lastSuccess !== null,
        lastSuccess: s.lastSuccess === null ? null : new Date(s.lastSuccess).toISOString(),
        error: s.error ?? (s.lastSuccess === null ? 'not_fetched_yet' : null),
        events: s.events,
        skipped: s.skipped,
        warnings: s.warnings,
      })),
    refresh,
    start() {
      if (timer || states.length === 0) return;
      runner.warm(); // the thread loads its modules while the first fetches are under way
      const tick = () => {
        refresh().catch((err: unknown) =>
          opts.log.warn({ event: 'feed_refresh_error', error: err instanceof Error ? err.name : 'unknown' }),
        );
      };
      tick();
      timer = setInterval(tick, refreshMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await runner.close();
    },
  };
}

/** Host and the first 8 hex digits of the URL's SHA-256: names a feed in logs without its secret path. */
export function feedLabel(url: string): string {
  let host = 'invalid-url';
  try {
    host = new URL(url).host;
  } catch {
    /* keep the placeholder */
  }
  return `${host}#${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
}
