// `npm run busy`: a fixture (as a file and over HTTP) in, the exact JSON line out; bad arguments get one line and exit 2.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'tests/fixtures/feeds/modelled/outlook365-windows-zones.ics';

function busy(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/feeds/busyCommand.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// An Outlook 365 calendar for a Berlin coach, March 2026: Windows zones with no VTIMEZONE, a moved and an excluded
// instance, free and cancelled events left out, out-of-office days in Berlin, one zone only Outlook knows.
const EXPECTED = JSON.stringify({
  busy: [
    { start: '2026-03-03T15:00:00.000Z', end: '2026-03-03T16:00:00.000Z' }, // 10:00 Eastern Standard Time (EST)
    { start: '2026-03-04T08:30:00.000Z', end: '2026-03-04T10:00:00.000Z' }, // 09:30 W. Europe Standard Time
    { start: '2026-03-09T15:30:00.000Z', end: '2026-03-09T16:30:00.000Z' }, // tentative, 08:30 Pacific (PDT)
    { start: '2026-03-10T14:00:00.000Z', end: '2026-03-10T15:00:00.000Z' }, // 10:00 Eastern (EDT); Mar 17 excluded
    { start: '2026-03-18T23:00:00.000Z', end: '2026-03-20T23:00:00.000Z' }, // out of office, Mar 19–20 in Berlin
    { start: '2026-03-25T19:00:00.000Z', end: '2026-03-25T20:00:00.000Z' }, // Mar 24 moved to Mar 25, 15:00 EDT
    { start: '2026-03-26T12:00:00.000Z', end: '2026-03-26T12:30:00.000Z' }, // "GMT Standard Time 1" by its VTIMEZONE
    { start: '2026-03-30T11:30:00.000Z', end: '2026-03-30T13:00:00.000Z' }, // the display-name zone, in the coach's
    { start: '2026-03-31T14:00:00.000Z', end: '2026-03-31T15:00:00.000Z' },
  ],
  skipped: [],
  warnings: ['zone "(UTC-05:00) Eastern Time (US & Canada)" is unknown: read in the coach\'s zone'],
});
const ARGS = ['--zone', 'Europe/Berlin', '--from', '2026-03-02T00:00:00Z', '--to', '2026-04-01T00:00:00Z'];

describe('npm run busy', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/secret/basic.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(readFileSync(`${root}/${FIXTURE}`));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('prints the busy times of a .ics file as one JSON line', async () => {
    expect(await busy([FIXTURE, ...ARGS])).toEqual({ code: 0, stdout: `${EXPECTED}\n`, stderr: '' });
  });

  it('prints the same line for the same calendar at a feed address', async () => {
    expect(await busy([`${base}/secret/basic.ics`, ...ARGS])).toEqual({ code: 0, stdout: `${EXPECTED}\n`, stderr: '' });
  });

  it("leaves out what the coach declined when given the coach's address", async () => {
    const args = [
      'tests/fixtures/feeds/modelled/google-secret-address.ics',
      '--zone',
      'America/New_York',
      '--from',
      '2026-03-02T00:00:00Z',
      '--to',
      '2026-03-04T00:00:00Z',
    ];
    const skipped = '"skipped":["line 26: EXDATE of this event cannot be read; that property is ignored"],"warnings":[]}';
    const supervision = '{"start":"2026-03-02T15:00:00.000Z","end":"2026-03-02T16:00:00.000Z"}';
    expect(await busy([...args, '--email', 'maya.coach@example.org'])).toEqual({
      code: 0,
      stdout: `{"busy":[${supervision}],${skipped}\n`,
      stderr: '',
    });
    expect(await busy(args)).toEqual({
      code: 0,
      stdout: `{"busy":[${supervision},{"start":"2026-03-03T18:00:00.000Z","end":"2026-03-03T19:00:00.000Z"}],${skipped}\n`,
      stderr: '',
    });
  });

  it('takes the zone and the horizon from DUET_CONFIG when not given', async () => {
    const { code, stdout } = await busy([FIXTURE, '--from', '2026-03-02T00:00:00Z'], { DUET_CONFIG: `${root}/examples/duet.config.json` });
    const config = JSON.parse(readFileSync(`${root}/examples/duet.config.json`, 'utf8'));
    expect(code).toBe(0);
    const line = JSON.parse(stdout) as { busy: { start: string }[] };
    // 10:00 Eastern on Mar 3 whatever the zone; the last instance before the horizon's end.
    expect(line.busy[0].start).toBe('2026-03-03T15:00:00.000Z');
    const end = Date.parse('2026-03-02T00:00:00Z') + config.call.horizonDays * 86_400_000;
    expect(line.busy.every((b) => Date.parse(b.start) < end)).toBe(true);
  });

  it('prints the usage for --help', async () => {
    const { code, stdout } = await busy(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Usage: npm run busy -- <feed URL or \.ics file> \[--zone IANA\] \[--email ADDRESS\] \[--from ISO\] \[--to ISO\]\n/,
    );
  });

  it.each([
    [[], 'busy: give one feed URL or .ics file (see npm run busy -- --help)'],
    [[FIXTURE, 'another.ics'], 'busy: give only one feed URL or .ics file (see npm run busy -- --help)'],
    [['missing.ics'], 'busy: no such file: missing.ics (see npm run busy -- --help)'],
    [
      ['ftp://calendar.example.org/a.ics'],
      'busy: only http, https and webcal addresses are feeds, got "ftp:" (see npm run busy -- --help)',
    ],
    [
      [FIXTURE, '--zone', 'Mars/Base'],
      'busy: --zone must be an IANA time zone such as Europe/Berlin, got "Mars/Base" (see npm run busy -- --help)',
    ],
    [[FIXTURE, '--email', 'coach'], 'busy: --email must be an email address, got "coach" (see npm run busy -- --help)'],
    [
      [FIXTURE, '--from', 'yesterday'],
      'busy: --from must be an ISO 8601 date or instant such as 2026-03-02T09:00:00Z, got "yesterday" (see npm run busy -- --help)',
    ],
    [
      [FIXTURE, ...ARGS.slice(0, 2), '--from', '2026-03-02', '--to', '2026-03-01'],
      'busy: --to must be after --from (see npm run busy -- --help)',
    ],
    [[FIXTURE, '--verbose'], 'busy: unknown option --verbose (see npm run busy -- --help)'],
  ])('%j: one clear line and exit status 2', async (args, line) => {
    expect(await busy(args)).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('a feed that cannot be fetched is one line and exit status 1', async () => {
    expect(await busy([`${base}/gone.ics`, ...ARGS])).toEqual({ code: 1, stdout: '', stderr: 'busy: the feed cannot be used: http_404\n' });
  });
});
