// A parsed feed → the coach's busy intervals over a window, with what could not be used and why, within a budget.
import { normalize, type Interval } from '../../core/interval.ts';
import { DEFAULT_BUDGET, Meter, OverBudget, type Budget } from './feedBudget.ts';
import { decodeEvent, type EventModel } from './feedEvent.ts';
import { parseFeed, shellCalendar, type Feed, type FeedError, type RawEvent } from './feedParse.ts';
import { expandSeries, singleInterval, type ExpandContext, type Override } from './feedSeries.ts';
import { DAY_MS } from '../../core/time.ts';
import { zoneResolver } from './feedZones.ts';

/** What to expand: the instants [from, to), the coach's zone (floating times, all-day dates) and address (declined events). */
export interface ExpandRange {
  from: number;
  to: number;
  timeZone: string;
  email?: string;
  budget?: Budget;
}

/** What a feed says about a window. */
export interface FeedReading {
  /** Sorted, merged busy intervals, cut to the window. */
  busy: Interval[];
  /** VEVENTs in the feed (copies of one event counted once). */
  events: number;
  /** What could not be used: an event or a property, by line; the rest of the feed still counts. */
  skipped: string[];
  /** How something was read that a person may want to check (a zone read in the coach's zone). */
  warnings: string[];
}

export type ReadError = FeedError | 'over_budget';
export type ReadOutcome = ({ ok: true } & FeedReading) | { ok: false; error: ReadError };

/** Parse and expand in one step: what the server's worker runs on each new copy of a feed. */
export function readFeed(text: string, range: ExpandRange): ReadOutcome {
  const parsed = parseFeed(text);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, ...expandBusy(parsed, range) };
  } catch (err) {
    if (err instanceof OverBudget) return { ok: false, error: 'over_budget' };
    throw err;
  }
}

/** The busy intervals of a parsed feed that overlap [from, to); throws OverBudget past the budget. */
export function expandBusy(feed: Feed, range: ExpandRange): FeedReading {
  const resolver = zoneResolver(shellCalendar(feed.shell).getAllSubcomponents('vtimezone'), range.timeZone);
  const ctx: ExpandContext = {
    from: range.from,
    to: range.to,
    resolver,
    meter: new Meter(range.budget ?? DEFAULT_BUDGET),
    out: [],
    skipped: [],
  };
  const email = range.email?.trim().toLowerCase();
  const blocksNothing = (ev: RawEvent) => ev.free || (!!email && ev.declined.includes(email));
  // Raw dates outside these (wall-clock dates, so two days of slack for any UTC offset) cannot matter.
  const lo = ymd(range.from - 2 * DAY_MS);
  const hi = ymd(range.to + 2 * DAY_MS);

  // Overridden instances stand on their own (they may move in or out of the window); the series skips
  // the instances they replace, and a THISANDFUTURE one changes the instances after it too.
  const overrides = new Map<string, Override[]>();
  const masters: { raw: RawEvent; model: EventModel }[] = [];
  const decode = (raw: RawEvent) => {
    ctx.meter.step();
    return decodeEvent(raw, ctx.skipped);
  };
  for (const raw of feed.events) {
    const afterWindow = raw.start !== undefined && raw.start > hi;
    const outside = afterWindow || (raw.end !== undefined && raw.end < lo);
    if (raw.overrides === undefined) {
      // Most of a published calendar is past one-off events: judged on their raw text alone.
      if (raw.recurring ? afterWindow : outside) continue;
      const model = decode(raw);
      if (model) masters.push({ raw, model });
      continue;
    }
    const future = /;RANGE=THISANDFUTURE/i.test(raw.recurrenceId);
    if (outside && !future && raw.overrides !== '' && (raw.overrides < lo || raw.overrides > hi)) continue;
    const model = decode(raw);
    if (!model) continue;
    if (!model.recurrenceId) {
      masters.push({ raw, model }); // its RECURRENCE-ID could not be read: an event of its own
      continue;
    }
    const free = blocksNothing(raw);
    let list = overrides.get(raw.uid);
    if (!list) overrides.set(raw.uid, (list = []));
    list.push({ model, free });
    if (!free) push(ctx, singleInterval(model, ctx));
  }
  for (const { raw, model } of masters) {
    const free = blocksNothing(raw);
    const own = raw.uid === '' ? [] : (overrides.get(raw.uid) ?? []);
    if (model.rrules.length > 0 || model.rdates.length > 0 || own.length > 0) expandSeries(model, free, own, ctx);
    else if (!free) push(ctx, singleInterval(model, ctx));
  }
  const busy = normalize(ctx.out).map((i) => ({ start: Math.max(i.start, range.from), end: Math.min(i.end, range.to) }));
  return { busy, events: feed.events.length, skipped: atMost(ctx.skipped), warnings: atMost(resolver.warnings) };
}

/** A report stays readable (and /healthz small) however broken a feed is. */
const MAX_LINES = 100;
function atMost(lines: readonly string[]): string[] {
  if (lines.length <= MAX_LINES) return lines.slice();
  return [...lines.slice(0, MAX_LINES - 1), `and ${lines.length - MAX_LINES + 1} more like these`];
}

function push(ctx: ExpandContext, i: Interval) {
  if (i.end <= ctx.from || i.start >= ctx.to || i.end <= i.start) return;
  ctx.meter.instance();
  ctx.out.push(i);
}

function ymd(t: number): string {
  return new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
}
