// Signing in to /coach by an emailed link, and the attacks on it: a reused or expired link, a session from another
// browser, a cross-origin POST, address enumeration by answer or by timing, and logs that would leak addresses or tokens.
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { hashToken } from '../../server/booking/tokens.ts';
import { StoreUnavailable, type Store } from '../../server/store/port.ts';
import { coachHarness, NOW, type CoachHarness } from '../support/coachHarness.ts';
import { poolConfig } from '../support/poolFixtures.ts';

const config = (practice: Record<string, unknown> = {}) => poolConfig({ practice: { admins: ['ops@example.org'], ...practice } });
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const heading = (p: { doc: Document }) => p.doc.querySelector('h1')?.textContent;

describe("signing in to the coaches' page", () => {
  let h: CoachHarness;
  afterEach(() => h?.close());

  it('a coach asks for a link, opens it, presses "Sign in" and lands on their calls; the cookie is HttpOnly, SameSite=Strict, 12 hours', async () => {
    h = coachHarness({ config: config() });
    const b = h.browser();
    const start = await b.get('/coach');
    expect(heading(start)).toBe("Coaches' sign-in");
    expect(start.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; /);
    expect(start.headers.get('cache-control')).toBe('no-store');

    const sent = await b.post('/coach/link', [['email', 'Maya@Example.org ']]);
    expect(sent.status).toBe(200);
    expect(heading(sent)).toBe('Check your mail');
    await h.settle();
    const [mail] = (await h.mails('maya@example.org')).filter((m) => m.kind === 'signin');
    expect(mail).toMatchObject({
      bookingId: null,
      subject: "Your sign-in link for WBT Coaching's coaches' page",
      from: { address: 'coaching@example.org' },
    });
    expect(mail.text).toContain('It signs you in once, until Monday, 2 November 2026 at 07:15 New York time (15 minutes).');
    const link = (await h.linkFor('maya@example.org'))!;
    expect(link).toMatch(/^http:\/\/localhost:8787\/coach\/link\?token=[A-Za-z0-9_-]{43}$/);

    // Opening the link (twice, as a mail scanner would) uses nothing up: it shows a button.
    const opened = await b.get(new URL(link).pathname + new URL(link).search);
    await b.get(new URL(link).pathname + new URL(link).search);
    expect(opened.headers.get('referrer-policy')).toBe('same-origin');
    expect(opened.doc.querySelector('form')!.getAttribute('action')).toBe('/coach/session');
    const res = await h.app.request('/coach/session', {
      method: 'POST',
      body: new URLSearchParams({ token: tokenOf(link) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/coach');
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^duet_coach=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const secret = /^duet_coach=([^;]+)/.exec(cookie)![1];
    // The store keeps the session only as its hash.
    expect(h.storeBytes()).not.toContain(secret);
    expect(h.storeBytes()).toContain(hashToken(secret));

    const signedIn = h.browser();
    signedIn.cookies.set('duet_coach', secret);
    const landing = await signedIn.get('/coach');
    expect(heading(landing)).toBe('Your calls');
    expect(landing.text).toContain('Signed in as Maya Okafor');
  });

  it('with an https address the cookie is Secure and __Host- prefixed', async () => {
    h = coachHarness({ config: config({ baseUrl: 'https://coach.example.org', allowedOrigins: [] }) });
    const b = h.browser();
    await b.post('/coach/link', [['email', 'ben@example.org']], { origin: 'https://coach.example.org' });
    await h.settle();
    const link = (await h.linkFor('ben@example.org'))!;
    expect(link.startsWith('https://coach.example.org/coach/link?token=')).toBe(true);
    const res = await h.app.request('/coach/session', {
      method: 'POST',
      body: new URLSearchParams({ token: tokenOf(link) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://coach.example.org' },
    });
    expect(res.headers.getSetCookie()[0]).toMatch(
      /^__Host-duet_coach=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('a link works once: the same link in another browser opens nothing, and that browser stays signed out', async () => {
    h = coachHarness({ config: config() });
    const mine = h.browser();
    expect(heading(await h.signIn(mine, 'maya@example.org'))).toBe('Your calls');
    const link = (await h.linkFor('maya@example.org'))!;
    const other = h.browser();
    const again = await other.post('/coach/session', [['token', tokenOf(link)]]);
    expect(again.status).toBe(400);
    expect(heading(again)).toBe('This sign-in link no longer works');
    expect(other.cookies.size).toBe(0);
    expect(heading(await other.get('/coach'))).toBe("Coaches' sign-in");
    // A made-up or empty token is the same refusal.
    expect((await other.post('/coach/session', [['token', 'x'.repeat(43)]])).status).toBe(400);
    expect((await other.post('/coach/session', [])).status).toBe(400);
  });

  it('a link expires 15 minutes after it was asked for; a session 12 hours after it opened', async () => {
    h = coachHarness({ config: config() });
    const b = h.browser();
    await b.post('/coach/link', [['email', 'maya@example.org']]);
    await h.settle();
    const late = (await h.linkFor('maya@example.org'))!;
    h.setNow(NOW + 15 * MINUTE_MS);
    expect((await b.post('/coach/session', [['token', tokenOf(late)]])).status).toBe(400);
    expect(b.cookies.size).toBe(0);

    h.setNow(NOW + HOUR_MS);
    await b.post('/coach/link', [['email', 'maya@example.org']]);
    await h.settle();
    const link = (await h.linkFor('maya@example.org'))!;
    h.setNow(NOW + HOUR_MS + 15 * MINUTE_MS - 1);
    expect((await b.post('/coach/session', [['token', tokenOf(link)]])).status).toBe(303);
    h.setNow(NOW + 13 * HOUR_MS + 15 * MINUTE_MS - 2);
    expect(heading(await b.get('/coach'))).toBe('Your calls');
    h.setNow(NOW + 13 * HOUR_MS + 15 * MINUTE_MS - 1);
    expect(heading(await b.get('/coach'))).toBe("Coaches' sign-in");
  });

  it('signing out ends the session on the server: the cookie, copied into another browser, opens nothing', async () => {
    h = coachHarness({ config: config() });
    const b = h.browser();
    await h.signIn(b, 'ops@example.org');
    const secret = b.cookies.get('duet_coach')!;
    const copy = h.browser();
    copy.cookies.set('duet_coach', secret);
    expect(heading(await copy.get('/coach'))).toBe('Every call');
    const out = await b.post('/coach/signout', []);
    expect(out.status).toBe(303);
    expect(b.cookies.size).toBe(0);
    expect(heading(await copy.get('/coach'))).toBe("Coaches' sign-in");
    expect((await copy.get('/coach/calls/anything')).status).toBe(303);
  });

  it('refuses every POST from another origin, or with none: nothing is mailed, the link stays good, nobody is signed out', async () => {
    h = coachHarness({ config: config() });
    const b = h.browser();
    for (const origin of ['https://evil.example', 'http://localhost:8788', 'null', null]) {
      const res = await b.post('/coach/link', [['email', 'maya@example.org']], { origin });
      expect(res.status).toBe(403);
      expect(heading(res)).toBe('Not allowed');
    }
    await h.settle();
    expect(await h.mails()).toEqual([]);

    await h.signIn(b, 'maya@example.org');
    const attacker = h.browser();
    await attacker.post('/coach/link', [['email', 'maya@example.org']]);
    await h.settle();
    const link = (await h.linkFor('maya@example.org'))!;
    expect((await attacker.post('/coach/session', [['token', tokenOf(link)]], { origin: 'https://evil.example' })).status).toBe(403);
    expect((await b.post('/coach/signout', [], { origin: 'https://evil.example' })).status).toBe(403);
    expect(heading(await b.get('/coach'))).toBe('Your calls');
    // The refused attempt did not use the link up.
    expect((await attacker.post('/coach/session', [['token', tokenOf(link)]])).status).toBe(303);
  });

  it('an unknown address gets exactly the answer a known one gets, and no mail', async () => {
    h = coachHarness({ config: config() });
    const answers = [];
    for (const email of ['maya@example.org', 'nobody@example.org', 'ops@example.org', 'coaching@example.org', 'MAYA@example.org']) {
      const res = await h.app.request('/coach/link', {
        method: 'POST',
        body: new URLSearchParams({ email }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787' },
      });
      const headers = [...res.headers].filter(([k]) => k !== 'date');
      answers.push({ status: res.status, headers, body: await res.text() });
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
    await h.settle();
    expect((await h.mails()).map((m) => m.to).sort()).toEqual([
      'coaching@example.org',
      'maya@example.org',
      'maya@example.org',
      'ops@example.org',
    ]);
  });

  it("answers before any of the link's work is done: a known address's answer does not wait for the store or the mail", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let asked = 0;
    const wrapStore = (s: Store): Store => ({
      ...s,
      access: {
        ...s.access,
        addLink: async (...args) => {
          asked++;
          await held;
          return s.access.addLink(...args);
        },
      },
    });
    h = coachHarness({ config: config(), wrapStore });
    const b = h.browser();
    const known = await b.post('/coach/link', [['email', 'maya@example.org']]);
    const unknown = await b.post('/coach/link', [['email', 'nobody@example.org']]);
    expect(known.status).toBe(200);
    expect(known.html).toBe(unknown.html);
    // Both answers are out while the known address's link is still being written.
    await new Promise((r) => setImmediate(r));
    expect(asked).toBe(1);
    expect(await h.mails()).toEqual([]);
    release();
    await h.settle();
    expect((await h.mails()).map((m) => m.to)).toEqual(['maya@example.org']);
  });

  it('limits link requests per client address (429 page) and, silently, the links mailed to one address', async () => {
    h = coachHarness({ config: config(), linkRate: { capacity: 5, refillPerMinute: 1 } });
    const b = h.browser();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await b.post('/coach/link', [['email', 'maya@example.org']])).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await h.settle();
    // Three links at most to one address in a burst, though five were asked for.
    expect((await h.mails('maya@example.org')).length).toBe(3);
    const other = await b.post('/coach/link', [['email', 'ben@example.org']], { address: '198.51.100.9' });
    expect(other.status).toBe(200);
  });

  it('an address that is not one asks again, with the reason beside the field', async () => {
    h = coachHarness({ config: config() });
    const page = await h.browser().post('/coach/link', [['email', 'not an address']]);
    expect(page.status).toBe(422);
    const input = page.doc.querySelector('#email')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('email-hint email-error');
    expect(page.doc.querySelector('#email-error')!.textContent).toBe('write a whole email address, such as name@example.org');
  });

  it('a store that cannot answer is a 503 page asking to try again, never a 500', async () => {
    let down = false;
    const wrapStore = (s: Store): Store => ({
      ...s,
      access: {
        ...s.access,
        session: (...args) => (down ? Promise.reject(new StoreUnavailable('busy')) : s.access.session(...args)),
      },
    });
    h = coachHarness({ config: config(), wrapStore });
    const b = h.browser();
    await h.signIn(b, 'maya@example.org');
    down = true;
    const page = await b.get('/coach');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('30');
    expect(heading(page)).toBe('Please try again in a minute');
  });

  it('logs hold no address, link token or session secret', async () => {
    h = coachHarness({ config: config() });
    const b = h.browser();
    await h.signIn(b, 'maya@example.org');
    await b.post('/coach/link', [['email', 'nobody@example.org']]);
    await h.settle();
    const link = (await h.linkFor('maya@example.org'))!;
    await b.post('/coach/signout', []);
    const logged = JSON.stringify(h.logs);
    expect(h.logs.some((l) => l.event === 'signed_in')).toBe(true);
    for (const secret of ['maya@example.org', 'nobody@example.org', tokenOf(link), hashToken(tokenOf(link))])
      expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/@example/);
  });
});
