// Parses and expands a generated busy feed of 2,000 events over 28 days; prints one JSON line.
// Run: npx tsx bench/feed_parse.bench.ts   (budget ≤ 50 ms median, aim 25 ms)
import { pathToFileURL } from 'node:url';
import { readFeed } from '../server/feeds/feedExpand.ts';
import { DAY_MS } from '../core/time.ts';

const EVENTS = 2000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const NOW = Date.parse('2026-03-02T12:00:00Z');
const RANGE = { from: NOW, to: NOW + 28 * DAY_MS, timeZone: 'America/New_York' };

/** A year of a busy coach's calendar in Google's shape: mostly one-off meetings, some series, all-day days. */
export function generatedFeed(count: number): string {
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (t: number) => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
  };
  const date = (t: number) => local(t).slice(0, 8);
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-TIMEZONE:America/New_York',
    'BEGIN:VTIMEZONE',
    'TZID:America/New_York',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'TZNAME:EDT',
    'DTSTART:19700308T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'TZNAME:EST',
    'DTSTART:19701101T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  for (let i = 0; i < count; i++) {
    // Start days from 330 days back to 60 days ahead, on a half-hour between 07:00 and 18:30 local.
    const day = NOW - 330 * DAY_MS + Math.floor(rand() * 390) * DAY_MS;
    const start = Date.UTC(
      new Date(day).getUTCFullYear(),
      new Date(day).getUTCMonth(),
      new Date(day).getUTCDate(),
      7 + Math.floor(rand() * 12),
      rand() < 0.5 ? 0 : 30,
    );
    const minutes = [30, 45, 60, 60, 90, 120][Math.floor(rand() * 6)];
    const uid = `ev${i}-${Math.floor(rand() * 1e9).toString(36)}@google.com`;
    const kind = rand();
    const ev = ['BEGIN:VEVENT'];
    if (kind < 0.06) {
      ev.push(`DTSTART;VALUE=DATE:${date(start)}`, `DTEND;VALUE=DATE:${date(start + (1 + Math.floor(rand() * 3)) * DAY_MS)}`);
    } else if (kind < 0.2) {
      // A recurring series: weekly (some every other week), a few daily with an end, some with exceptions.
      ev.push(`DTSTART;TZID=America/New_York:${local(start)}`, `DTEND;TZID=America/New_York:${local(start + minutes * 60_000)}`);
      const r = rand();
      // Half the weekly series have ended (a course, a project), as in any calendar a year old.
      const until = rand() < 0.5 ? `;UNTIL=${date(start + (4 + Math.floor(rand() * 16)) * 7 * DAY_MS)}T045959Z` : '';
      // Google writes BYDAY for weekly series, sometimes with a second day.
      const dow = new Date(start).getUTCDay();
      const byday = rand() < 0.7 ? `;BYDAY=${WEEKDAYS[dow]}${rand() < 0.3 ? `,${WEEKDAYS[(dow + 2) % 7]}` : ''}` : '';
      if (r < 0.6) ev.push(`RRULE:FREQ=WEEKLY;WKST=SU${until}${byday}`);
      else if (r < 0.8) ev.push(`RRULE:FREQ=WEEKLY;INTERVAL=2${until}`);
      else if (r < 0.9) ev.push(`RRULE:FREQ=DAILY;UNTIL=${date(start + 60 * DAY_MS)}T045959Z`);
      else ev.push('RRULE:FREQ=MONTHLY;COUNT=12');
      if (rand() < 0.3) ev.push(`EXDATE;TZID=America/New_York:${local(start + 7 * DAY_MS)}`);
    } else if (kind < 0.45) {
      ev.push(`DTSTART:${local(start + 5 * 3_600_000)}Z`, `DTEND:${local(start + 5 * 3_600_000 + minutes * 60_000)}Z`);
    } else {
      ev.push(`DTSTART;TZID=America/New_York:${local(start)}`, `DTEND;TZID=America/New_York:${local(start + minutes * 60_000)}`);
    }
    ev.push(
      'DTSTAMP:20260301T120000Z',
      `UID:${uid}`,
      'CREATED:20250110T150000Z',
      'DESCRIPTION:',
      'LAST-MODIFIED:20250110T150000Z',
      'LOCATION:',
      'SEQUENCE:0',
      'STATUS:CONFIRMED',
      `SUMMARY:Meeting ${i}`,
      rand() < 0.05 ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE',
      'END:VEVENT',
    );
    lines.push(...ev);
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

// Runs only as a script: tests import generatedFeed from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = generatedFeed(EVENTS);
  const once = () => {
    const r = readFeed(text, RANGE);
    if (!r.ok || r.busy.length === 0) throw new Error('the generated feed did not expand');
  };
  for (let i = 0; i < 5; i++) once(); // warm up the JIT and the zone caches
  const times: number[] = [];
  const cpu: number[] = [];
  const until = performance.now() + 3_000;
  while (times.length < 20 || (times.length < 200 && performance.now() < until)) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    once();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const round = (n: number) => Math.round(n * 100) / 100;
  // CPU time too: on a machine shared with other work, wall time also counts the waits for a core.
  console.log(
    JSON.stringify({
      bench: 'feed_parse',
      events: EVENTS,
      median_ms: round(at(0.5)),
      p95_ms: round(at(0.95)),
      median_cpu_ms: round(cpu[Math.floor(cpu.length / 2)]),
      runs: times.length,
    }),
  );
}
