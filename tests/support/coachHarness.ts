// The app with /coach around a real SQLite file and a movable clock, driven through app.request (no socket), with
// "browsers" that each keep their own cookies, and the sign-in flow as a coach goes through it: ask, read the mail
// from the outbox, open the link, press the button.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import type { BookingCreated } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { Interval } from '../../core/interval.ts';
import { backgroundQueue } from '../../server/coach/backgroundQueue.ts';
import type { LogFields, Logger } from '../../server/logger.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import { createApp } from '../../server/serverApp.ts';
import type { BucketOptions } from '../../server/http/rateLimit.ts';
import type { Store } from '../../server/store/port.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { NOW } from './apiHarness.ts';
import { duoBody } from './poolFixtures.ts';
import { stampAt, TEST_STAMP_KEY } from './stamp.ts';

export { NOW };

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  doc: Document;
  text: string;
}

export interface Browser {
  /** The cookies this browser holds, name → value. */
  cookies: Map<string, string>;
  get(path: string): Promise<Page>;
  /** A form sent as a browser sends it: urlencoded, with this server's Origin unless told otherwise (null: none). */
  post(path: string, fields: [string, string][], opts?: { origin?: string | null; address?: string }): Promise<Page>;
}

export interface CoachHarness {
  app: ReturnType<typeof createApp>;
  store: Store;
  config: Config;
  logs: LogFields[];
  setNow(ms: number): void;
  now(): number;
  /** Waits until the sign-in links' work after the answers is done. */
  settle(): Promise<void>;
  browser(): Browser;
  /** Every message queued so far (the outbox's rows, in order), to `to` when given. */
  mails(to?: string): Promise<OutgoingMail[]>;
  /** The last sign-in link mailed to `email`. */
  linkFor(email: string): Promise<string | undefined>;
  /** Asks for a link in `browser`, opens it and presses "Sign in": the page it lands on. */
  signIn(browser: Browser, email: string): Promise<Page>;
  /** Books `start` (ISO) for duo `n` through the API. */
  book(start: string, n?: number): Promise<BookingCreated>;
  storeBytes(): string;
  close(): Promise<void>;
}

const read = async (res: Response): Promise<Page> => {
  const html = await res.text();
  const doc = new JSDOM(html).window.document;
  return { status: res.status, headers: res.headers, html, doc, text: (doc.body?.textContent ?? '').replace(/\s+/g, ' ').trim() };
};

export function coachHarness(opts: {
  config: Config;
  busy?: () => Record<string, Interval[]>;
  linkRate?: BucketOptions;
  /** The store the app sees, made from the real one (to hold a write back, say). */
  wrapStore?: (store: Store) => Store;
}): CoachHarness {
  const dir = mkdtempSync(join(tmpdir(), 'duet-coach-'));
  const real = openSqliteStore(join(dir, 'duet.sqlite'));
  const store = opts.wrapStore ? opts.wrapStore(real) : real;
  const { config } = opts;
  const logs: LogFields[] = [];
  const log: Logger = { info: (f) => logs.push(f), warn: (f) => logs.push(f) };
  const queue = backgroundQueue(log);
  let now = NOW;
  const app = createApp({
    config,
    store,
    log,
    clock: () => now,
    busy: opts.busy ?? (() => ({})),
    distDir: dir,
    examplesDir: dir,
    rateLimit: { capacity: 1000, refillPerMinute: 1000 },
    stampKey: TEST_STAMP_KEY,
    coachQueue: queue,
    linkRate: opts.linkRate ?? { capacity: 1000, refillPerMinute: 1000 },
  });
  const own = new URL(config.practice.baseUrl).origin;

  const browser = (): Browser => {
    const cookies = new Map<string, string>();
    const send = async (path: string, init: RequestInit, address = '203.0.113.7') => {
      const headers = new Headers(init.headers);
      if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await app.request(path, { ...init, headers }, { incoming: { socket: { remoteAddress: address } } });
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const [name, value] = pair.split('=');
        const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
        if (gone) cookies.delete(name.trim());
        else cookies.set(name.trim(), value.trim());
      }
      return read(res);
    };
    return {
      cookies,
      get: (path) => send(path, { method: 'GET' }),
      post: (path, fields, o = {}) =>
        send(
          path,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...(o.origin === null ? {} : { origin: o.origin ?? own }) },
            body: new URLSearchParams(fields).toString(),
          },
          o.address,
        ),
    };
  };

  const mails = async (to?: string) => {
    // Read only: a lease of 0 ms ends as it begins, so the rows stay claimable.
    const rows = await store.outbox.claim(Number.MAX_SAFE_INTEGER / 2, 'test-reader', 0, 100_000);
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => r.message)
      .filter((m) => !to || m.to === to);
  };
  const linkFor = async (email: string) => {
    const signins = (await mails(email)).filter((m) => m.kind === 'signin');
    return /https?:\/\/\S+\/coach\/link\?token=[A-Za-z0-9_-]+/.exec(signins.at(-1)?.text ?? '')?.[0];
  };

  return {
    app,
    store,
    config,
    logs,
    setNow: (ms) => {
      now = ms;
    },
    now: () => now,
    settle: () => queue.idle(),
    browser,
    mails,
    linkFor,
    async signIn(b, email) {
      await b.post('/coach/link', [['email', email]]);
      await queue.idle();
      const link = await linkFor(email);
      if (!link) throw new Error(`no sign-in link for ${email}`);
      const page = await b.get(new URL(link).pathname + new URL(link).search);
      const token = page.doc.querySelector<HTMLInputElement>('input[name=token]')!.value;
      const landed = await b.post('/coach/session', [['token', token]]);
      return landed.status === 303 ? b.get('/coach') : landed;
    },
    async book(start, n = 0) {
      const body = duoBody(start, n);
      body.meta = { ...body.meta, stamp: stampAt(now - 90_000) };
      const res = await app.request(
        '/api/bookings',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        { incoming: { socket: { remoteAddress: `198.51.100.${n + 1}` } } },
      );
      if (res.status !== 201) throw new Error(`booking ${start} for duo ${n}: ${res.status} ${await res.text()}`);
      return (await res.json()) as BookingCreated;
    },
    storeBytes: () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('duet.sqlite'))
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n'),
    async close() {
      await queue.idle();
      await real.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
