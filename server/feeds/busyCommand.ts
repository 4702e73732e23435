// `npm run busy -- <feed URL or .ics file> [--zone IANA] [--email ADDRESS] [--from ISO] [--to ISO]`: the busy
// times Duet reads from one feed, by the server's own fetch, parse and expand path, as one JSON line.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isTimeZone } from '../../core/timeZone.ts';
import { DAY_MS } from '../../core/time.ts';
import { loadConfig } from '../config/configFile.ts';
import { DEFAULT_BUDGET } from './feedBudget.ts';
import { fetchFeed, isFeedScheme } from './feedFetch.ts';
import { createFeedRunner } from './feedRunner.ts';

const USAGE = `Usage: npm run busy -- <feed URL or .ics file> [--zone IANA] [--email ADDRESS] [--from ISO] [--to ISO]

Prints the busy times Duet reads from one calendar feed, as the server reads it, in one JSON line:
  {"busy":[{"start","end"}],"skipped":[...],"warnings":[...]}   (UTC instants, sorted and merged)

  <feed>     an http, https or webcal address (a coach's secret iCal address), or a .ics file
  --zone     the coach's IANA time zone, for floating times and all-day events
             (default: practice.timeZone in DUET_CONFIG)
  --email    the coach's address: invitations they declined block nothing (default: none)
  --from     the first instant, ISO 8601 (default: now)
  --to       the end, ISO 8601 (default: now + call.horizonDays of DUET_CONFIG)
  --help     this text`;

const root = fileURLToPath(new URL('../..', import.meta.url));
const MAX_DAYS = 366;

const bad = (line: string): never => {
  process.stderr.write(`busy: ${line} (see npm run busy -- --help)\n`);
  process.exit(2);
};

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--')),
    allowPositionals: true,
    options: {
      zone: { type: 'string' },
      email: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
} catch (err) {
  const message = err instanceof Error ? err.message : '';
  const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
  bad(unknown ? `unknown option ${unknown}` : message.split('\n')[0].replace(/\.$/, '') || 'bad arguments');
}
const { values, positionals } = parsed!;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) bad(positionals.length === 0 ? 'give one feed URL or .ics file' : 'give only one feed URL or .ics file');
const source = positionals[0];

// The config is read only for what the arguments leave out.
let config: ReturnType<typeof loadConfig> | undefined;
const configured = () => {
  const path = resolve(process.env.DUET_CONFIG ?? join(root, 'examples/duet.config.json'));
  config ??= loadConfig(path);
  if (!config.ok) return bad(`the configuration ${path} cannot be read (${config.errors[0]}): give --zone and --to`);
  return config.config;
};

const instant = (name: string, value: string): number => {
  const ms = /^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.test(value) ? Date.parse(value) : NaN;
  return Number.isFinite(ms)
    ? ms
    : bad(`--${name} must be an ISO 8601 date or instant such as 2026-03-02T09:00:00Z, got ${JSON.stringify(value)}`);
};

const zone = values.zone ?? configured().practice.timeZone;
if (!isTimeZone(zone)) bad(`--zone must be an IANA time zone such as Europe/Berlin, got ${JSON.stringify(zone)}`);
const email = values.email?.trim();
if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) bad(`--email must be an email address, got ${JSON.stringify(email)}`);
const from = values.from === undefined ? Date.now() : instant('from', values.from);
const to = values.to === undefined ? from + configured().call.horizonDays * DAY_MS : instant('to', values.to);
if (to <= from) bad('--to must be after --from');
if (to - from > MAX_DAYS * DAY_MS) bad(`at most ${MAX_DAYS} days from --from to --to`);

const url = /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source);
if (url && !isFeedScheme(source)) bad(`only http, https and webcal addresses are feeds, got ${JSON.stringify(source.split(':')[0] + ':')}`);
if (!url && !(statSync(source, { throwIfNoEntry: false })?.isFile() ?? false)) bad(`no such file: ${source}`);

const failed = (why: string): never => {
  process.stderr.write(`busy: the feed cannot be used: ${why}\n`);
  process.exit(1);
};

// The server's own limits: 10 s and 5 MB for a fetch, the same budget for the expansion in a worker thread.
let text: string;
if (url) {
  const fetched = await fetchFeed(source, { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 });
  if (!fetched.ok) failed(fetched.error);
  text = fetched.ok && !fetched.unchanged ? new TextDecoder('utf-8').decode(fetched.body) : '';
} else {
  text = new TextDecoder('utf-8').decode(readFileSync(source));
}
const runner = createFeedRunner();
const outcome = await runner.read(text, { from, to, timeZone: zone, email, budget: DEFAULT_BUDGET });
await runner.close();
if (!outcome.ok) failed(outcome.error);
if (outcome.ok) {
  const busy = outcome.busy.map((i) => ({ start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() }));
  process.stdout.write(`${JSON.stringify({ busy, skipped: outcome.skipped, warnings: outcome.warnings })}\n`);
}
