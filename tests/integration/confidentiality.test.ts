// Confidentiality on the real server over a booking, a reschedule and a cancel: the answers reach only the coaches'
// copies and the store; the log, the duo's copies, the links and the error messages hold none; the sponsor gets nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import type { BookingRequestInput } from '../../core/intake.ts';
import { DAY_MS, HOUR_MS } from '../../core/time.ts';
import { releaseDueHolds } from '../../server/booking/releaseHolds.ts';
import { queueDueReminders } from '../../server/mail/reminders.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/waitFor.ts';

const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** One marker per free-text answer, each found nowhere else. */
const ANSWERS = {
  role1: 'Mkrole1-Vexa',
  role2: 'Mkrole2-Quoll',
  organization: 'Mkorg-Tamarin',
  context: 'Mkcontext-Pangolin says hello',
  relationshipOther: 'Mkrelother-Axolotl',
  focusOther: 'Mkfocus-Narwhal',
  hopes: 'Mkhopes-Okapi to change',
  sponsorName: 'Mksponsor-Ibex',
  sponsorEmail: 'mksponsor-gnu@example.net',
} as const;
/** The two people's names and addresses: in their own invitations, never in a log, a link or an error. */
const PEOPLE = {
  name1: 'Mkname1 Caracal',
  email1: 'mkmail1-kudu@example.com',
  name2: 'Mkname2 Dugong',
  email2: 'mkmail2-saola@example.com',
};
const FEED_SECRET = 'mkfeed-secret-Zorilla';
/** The duo's reason for cancelling: for the coaches only. */
const REASON = 'Mkreason-Serval fell ill';

function markedBody(start: string): BookingRequestInput {
  return bookingBody(start, {
    partnership: {
      relationship: 'other',
      relationshipOther: ANSWERS.relationshipOther,
      organization: ANSWERS.organization,
      context: ANSWERS.context,
    },
    people: [
      { name: PEOPLE.name1, email: PEOPLE.email1, role: ANSWERS.role1, timeZone: 'America/New_York' },
      { name: PEOPLE.name2, email: PEOPLE.email2, role: ANSWERS.role2, timeZone: 'Europe/London' },
    ],
    focus: { areas: ['trust', 'other'], other: ANSWERS.focusOther, hopes: ANSWERS.hopes },
    sponsor: { name: ANSWERS.sponsorName, email: ANSWERS.sponsorEmail, relation: 'board' },
  });
}

/** The markers found in `text`, case-insensitively (addresses are stored in lower case). */
const found = (text: string, markers: readonly string[]) => markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()));

interface MailFile {
  to: string;
  raw: string;
  decoded: string;
  ics: string;
}

/** Every .eml in the outbox, parsed: the raw bytes and the decoded text, HTML and calendar part, with the .ics beside it. */
async function outboxMail(dir: string): Promise<MailFile[]> {
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
  return Promise.all(
    names.map(async (name) => {
      const raw = readFileSync(join(dir, name), 'utf8');
      const parsed = await simpleParser(raw);
      const icsFile = join(dir, name.replace(/\.eml$/, '.ics'));
      const parts = [parsed.subject, parsed.text, parsed.html || '', ...parsed.attachments.map((a) => a.content.toString('utf8'))];
      const to = Array.isArray(parsed.to) ? parsed.to.flatMap((t) => t.value) : (parsed.to?.value ?? []);
      return {
        to: to.map((a) => a.address ?? '').join(','),
        raw,
        decoded: parts.join('\n'),
        ics: existsSync(icsFile) ? readFileSync(icsFile, 'utf8') : '',
      };
    }),
  );
}

describe('where the answers go', () => {
  let server: RunningServer;
  let created: BookingCreated;
  let token: string;
  const local = (url: string) => url.replace('http://localhost:8787', server.url);
  const config = testConfig();
  const COACHES = config.coaches.map((c) => c.email);
  const ALL = [...Object.values(ANSWERS), ...Object.values(PEOPLE), REASON];

  beforeAll(async () => {
    config.coaches[0].busyFeeds = [`http://127.0.0.1:9/${FEED_SECRET}/basic.ics`];
    server = await startServer({ config });
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const res = await fetch(`${server.url}/api/bookings`, post(markedBody(slots[0].start)));
    expect(res.status).toBe(201);
    created = (await res.json()) as BookingCreated;
    token = new URL(created.manageUrl).searchParams.get('token')!;
    await waitFor(() =>
      existsSync(join(server.dataDir, 'outbox')) &&
      readdirSync(join(server.dataDir, 'outbox')).filter((f) => f.endsWith('.eml')).length >= 4
        ? true
        : undefined,
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives the two coaches every answer, in the mail and in the calendar event', async () => {
    const mails = await outboxMail(join(server.dataDir, 'outbox'));
    for (const coach of COACHES) {
      const mine = mails.filter((m) => m.to === coach);
      expect(mine).toHaveLength(1);
      expect(found(mine[0].decoded, Object.values(ANSWERS))).toEqual(Object.values(ANSWERS));
      expect(found(mine[0].ics, [ANSWERS.context, ANSWERS.hopes])).toEqual([ANSWERS.context, ANSWERS.hopes]);
    }
  });

  it("keeps every answer out of the duo's own mail and calendar files", async () => {
    const mails = await outboxMail(join(server.dataDir, 'outbox'));
    for (const person of [PEOPLE.email1, PEOPLE.email2]) {
      const mine = mails.filter((m) => m.to === person);
      expect(mine).toHaveLength(1);
      expect(mine[0].decoded).toContain(PEOPLE.name1); // the positive control: this is their invitation
      expect(found(mine[0].raw + mine[0].decoded + mine[0].ics, Object.values(ANSWERS))).toEqual([]);
    }
  });

  it('sends nothing to the sponsor', async () => {
    const mails = await outboxMail(join(server.dataDir, 'outbox'));
    expect(mails.map((m) => m.to).sort()).toEqual([...COACHES, PEOPLE.email1, PEOPLE.email2].sort());
    const toSponsor = mails.filter((m) => /^(To|Cc|Bcc):.*$/gim.exec(m.raw)?.[0].toLowerCase().includes(ANSWERS.sponsorEmail));
    expect(toSponsor).toEqual([]);
  });

  it("keeps everyone's data out of the links, and the answers out of the duo's JSON view and .ics", async () => {
    expect(found(JSON.stringify(created), ALL)).toEqual([]);
    const view = await fetch(local(created.icsUrl).replace('/invite.ics', ''));
    expect(view.status).toBe(200);
    const viewText = await view.text();
    expect(found(viewText, [...Object.values(ANSWERS), PEOPLE.email1, PEOPLE.email2])).toEqual([]);
    const ics = await (await fetch(local(created.icsUrl))).text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(found(ics, Object.values(ANSWERS))).toEqual([]);
  });

  it('never echoes an answer in an error message', async () => {
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    // The same time again: 409.
    const taken = await fetch(`${server.url}/api/bookings`, post(markedBody(created.booking.start)));
    expect(taken.status).toBe(409);
    expect(found(await taken.text(), ALL)).toEqual([]);
    // Each field wrong in its own way: a bad sponsor address, values of the wrong type, a name too long.
    const bad = markedBody(slots[1].start) as unknown as {
      intake: Record<string, Record<string, unknown>> & { people: Record<string, unknown>[] };
    };
    bad.intake.sponsor.email = `${ANSWERS.sponsorEmail} (not an address)`;
    bad.intake.people[0].email = `${PEOPLE.email1}@@`;
    bad.intake.people[1].name = `${PEOPLE.name2} ${'x'.repeat(200)}`;
    bad.intake.partnership.context = [ANSWERS.context];
    bad.intake.focus.hopes = { text: ANSWERS.hopes };
    bad.intake.partnership.organization = 42_424_242;
    const refused = await fetch(`${server.url}/api/bookings`, post(bad));
    expect(refused.status).toBe(422);
    const answer = await refused.text();
    expect(
      JSON.parse(answer)
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual([
      'intake.focus.hopes',
      'intake.partnership.context',
      'intake.partnership.organization',
      'intake.people.0.email',
      'intake.people.1.name',
      'intake.sponsor.email',
    ]);
    expect(found(answer, [...ALL, '42424242'])).toEqual([]);
    // A whole person given as a string.
    const odd = markedBody(slots[1].start) as unknown as { intake: { people: unknown[] } };
    odd.intake.people[1] = PEOPLE.email2;
    const oddAnswer = await fetch(`${server.url}/api/bookings`, post(odd));
    expect(oddAnswer.status).toBe(422);
    expect(found(await oddAnswer.text(), ALL)).toEqual([]);
  });

  it("keeps the answers and the reason for cancelling out of the duo's mail when the call is moved and cancelled", async () => {
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const base = `${server.url}/api/bookings/${created.booking.id}`;
    const moved = await fetch(`${base}/reschedule`, post({ token, start: slots[6].start }));
    expect(moved.status).toBe(200);
    expect(found(await moved.text(), [...Object.values(ANSWERS), PEOPLE.email1, PEOPLE.email2])).toEqual([]);
    const cancelled = await fetch(`${base}/cancel`, post({ token, reason: REASON }));
    expect(cancelled.status).toBe(200);
    expect(found(await cancelled.text(), [...Object.values(ANSWERS), PEOPLE.email1, PEOPLE.email2, REASON])).toEqual([]);

    const dir = join(server.dataDir, 'outbox');
    // The moved invitations may be voided unsent, superseded by the cancellation; the four cancellations go out.
    await waitFor(() => (readdirSync(dir).filter((f) => f.includes('.cancel.') && f.endsWith('.eml')).length >= 4 ? true : undefined));
    const mails = await outboxMail(dir);
    for (const m of mails.filter((x) => !COACHES.includes(x.to))) {
      expect(found(m.raw + m.decoded + m.ics, [...Object.values(ANSWERS), REASON])).toEqual([]);
    }
    expect(mails.filter((m) => COACHES.includes(m.to) && found(m.decoded, [REASON]).length === 1)).toHaveLength(2);
    expect(mails.map((m) => m.to)).not.toContain(ANSWERS.sponsorEmail);
  });

  it('logs JSON lines with method, path, status, time and booking id, and nothing personal', async () => {
    await fetch(`${server.url}/api/bookings/${created.booking.id}?token=${token}`);
    await fetch(`${server.url}/manage?id=${created.booking.id}&token=${token}`);
    await fetch(`${server.url}/healthz`);
    const out = server.output();
    expect(found(out, [...ALL, FEED_SECRET, token])).toEqual([]);
    expect(out).not.toContain('token=');

    const lines = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => 'method' in l);
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) {
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['method', 'ms', 'path', 'status', 'time']));
      expect(String(r.path)).not.toContain('?');
    }
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: `/api/bookings/${created.booking.id}`,
        status: 200,
        bookingId: created.booking.id,
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ event: 'booked', bookingId: created.booking.id }));
    for (const action of ['reschedule', 'cancel']) {
      expect(requests).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          path: `/api/bookings/${created.booking.id}/${action}`,
          status: 200,
          bookingId: created.booking.id,
        }),
      );
    }
    expect(lines).toContainEqual(expect.objectContaining({ event: 'feed_failed', coach: config.coaches[0].id }));
  });
});

describe("where person two's own answers go", () => {
  let server: RunningServer;
  let created: BookingCreated;
  const config = testConfig();
  const COACHES = config.coaches.map((c) => c.email);
  /** Person two's two private answers: the coaches' note only, never person one, never person two back. */
  const PARTNER = { now: 'Mkp2now-Gerenuk is tense', hopes: 'Mkp2hopes-Fossa talks more' };
  const MINE = Object.values(ANSWERS);
  const THEIRS = Object.values(PARTNER);
  let one: string;
  let two: string;
  const outbox = () => outboxMail(join(server.dataDir, 'outbox'));
  const emlCount = () => {
    const dir = join(server.dataDir, 'outbox');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')).length : 0;
  };

  beforeAll(async () => {
    server = await startServer({ config });
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    created = (await (await fetch(`${server.url}/api/bookings`, post(markedBody(slots[0].start)))).json()) as BookingCreated;
    one = new URL(created.manageUrl).searchParams.get('token')!;
    await waitFor(() => (emlCount() >= 4 ? true : undefined));
    const invitation = (await outbox()).find((m) => m.to === PEOPLE.email2)!;
    two = /[?&]token=([\w-]{43})/.exec(invitation.decoded)![1];
    expect(two).not.toBe(one);
    const res = await fetch(
      `${server.url}/api/bookings/${created.booking.id}/confirm`,
      post({
        token: two,
        agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
        view: PARTNER,
      }),
    );
    expect(res.status).toBe(200);
    expect(found(await res.text(), [...THEIRS, ...MINE])).toEqual([]);
    await waitFor(() => (emlCount() >= 6 ? true : undefined));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("reach the two coaches, labelled as person two's", async () => {
    const notes = (await outbox()).filter((m) => found(m.decoded, THEIRS).length > 0);
    expect(notes.map((m) => m.to).sort()).toEqual([...COACHES].sort());
    for (const m of notes) {
      expect(found(m.decoded, THEIRS)).toEqual(THEIRS);
      expect(m.decoded).toContain(`${PEOPLE.name2}’s own answers`);
    }
  });

  it("never reach person one, and person one's answers never reach person two, in mail, views or logs", async () => {
    const mails = await outbox();
    for (const m of mails.filter((x) => x.to === PEOPLE.email1)) expect(found(m.raw + m.decoded + m.ics, [...THEIRS, ...MINE])).toEqual([]);
    for (const m of mails.filter((x) => x.to === PEOPLE.email2)) expect(found(m.raw + m.decoded + m.ics, [...THEIRS, ...MINE])).toEqual([]);
    for (const token of [one, two]) {
      const view = await (await fetch(`${server.url}/api/bookings/${created.booking.id}?token=${token}`)).text();
      expect(found(view, [...THEIRS, ...MINE])).toEqual([]);
      const ics = await (await fetch(`${server.url}/api/bookings/${created.booking.id}/invite.ics?token=${token}`)).text();
      expect(found(ics, [...THEIRS, ...MINE])).toEqual([]);
    }
    // An error about a confirm never echoes what was sent.
    const refused = await fetch(
      `${server.url}/api/bookings/${created.booking.id}/confirm`,
      post({
        token: two,
        agreements: { notice: true, presence: false, confidentiality: true, commitment: true },
        view: { now: PARTNER.now.repeat(500), hopes: [PARTNER.hopes] },
      }),
    );
    expect(refused.status).toBe(422);
    expect(found(await refused.text(), THEIRS)).toEqual([]);
    const again = await fetch(
      `${server.url}/api/bookings/${created.booking.id}/confirm`,
      post({
        token: two,
        agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
        view: PARTNER,
      }),
    );
    expect(again.status).toBe(409);
    expect(found(await again.text(), THEIRS)).toEqual([]);
    expect(found(server.output(), [...THEIRS, ...MINE, one, two])).toEqual([]);
  });
});

describe('the hold, its release and the nudge carry no answers to the duo', () => {
  let h: Harness;
  afterAll(() => h?.close());
  const MINE = Object.values(ANSWERS);
  const PARTNER = { now: 'Mkp2now-Tarsier holds back', hopes: 'Mkp2hopes-Binturong speaks up' };
  const THEIRS = Object.values(PARTNER);

  it('in "require" and "ask" alike: mails, calendar parts, views, pages, refusals and logs', async () => {
    h = harness({
      config: testConfig({ call: { partnerConfirmation: 'require', minNoticeHours: 25, cancelNoticeHours: 24, confirmWithinHours: 48 } }),
    });
    const book = async (start: string) => {
      const res = await h.post('/api/bookings', { ...markedBody(start), meta: { honeypot: '', stamp: h.stamp() } });
      expect(res.status).toBe(201);
      const text = await res.text();
      expect(found(text, MINE)).toEqual([]);
      const created = JSON.parse(text) as BookingCreated;
      const rows = await h.store.outbox.ofBooking(created.booking.id);
      const invitation = rows.find((r) => r.recipient === PEOPLE.email2)!.message;
      return {
        id: created.booking.id,
        one: new URL(created.manageUrl).searchParams.get('token')!,
        two: /[?&]token=([\w-]{43})/.exec(invitation.text)![1],
      };
    };
    const held = await book('2026-11-06T14:00:00.000Z');
    const kept = await book('2026-11-05T14:00:00.000Z');
    // Person two confirms one call with their own answers; the other is released by the clock.
    const ok = await h.post(`/api/bookings/${kept.id}/confirm`, {
      token: kept.two,
      agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
      view: PARTNER,
    });
    expect(ok.status).toBe(200);
    expect(found(await ok.text(), [...MINE, ...THEIRS])).toEqual([]);
    h.setNow(NOW + 48 * HOUR_MS);
    expect(await releaseDueHolds({ config: h.config, store: h.store }, NOW + 48 * HOUR_MS)).toBe(1);
    const late = await h.post(`/api/bookings/${held.id}/confirm`, {
      token: held.two,
      agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
      view: PARTNER,
    });
    expect(late.status).toBe(409);
    expect(found(await late.text(), [...MINE, ...THEIRS, PEOPLE.name1, PEOPLE.email1])).toEqual([]);

    const every = [...(await h.store.outbox.ofBooking(held.id)), ...(await h.store.outbox.ofBooking(kept.id))].map((r) => r.message);
    const all = (m: (typeof every)[number]) => [m.subject, m.text, m.html, m.icalEvent?.content ?? ''].join('\n');
    const duoMail = every.filter((m) => m.to === PEOPLE.email1 || m.to === PEOPLE.email2);
    // Both invitations of both calls and the release's two copies: none holds an answer of either person.
    expect(duoMail.map((m) => [m.to, m.subject.split(':')[0]])).toEqual([
      [PEOPLE.email1, 'Invitation'],
      [PEOPLE.email2, 'Invitation'],
      [PEOPLE.email1, 'Released'],
      [PEOPLE.email2, 'Released'],
      [PEOPLE.email1, 'Invitation'],
      [PEOPLE.email2, 'Invitation'],
    ]);
    for (const m of duoMail) expect(found(all(m), [...MINE, ...THEIRS])).toEqual([]);
    // Person two's answers reach the coaches' note only (not even the coaches' release copies, whose calendar part
    // keeps person one's intake as every coach's copy does).
    for (const m of every.filter((x) => x.icalEvent?.method === 'CANCEL')) expect(found(all(m), THEIRS)).toEqual([]);
    expect(every.filter((m) => found(all(m), THEIRS).length > 0).map((m) => [m.to, m.kind])).toEqual([
      ['maya@example.org', 'note'],
      ['jonas@example.org', 'note'],
    ]);

    for (const b of [held, kept]) {
      for (const token of [b.one, b.two]) {
        for (const path of [
          `/api/bookings/${b.id}?token=${token}`,
          `/api/bookings/${b.id}/invite.ics?token=${token}`,
          `/manage?id=${b.id}&token=${token}`,
        ]) {
          expect(found(await (await h.request(path)).text(), [...MINE, ...THEIRS])).toEqual([]);
        }
      }
    }
    const logs = JSON.stringify(h.logs);
    expect(found(logs, [...MINE, ...THEIRS, ...Object.values(PEOPLE), held.one, held.two, kept.one, kept.two])).toEqual([]);
    expect(h.logs.map((l) => l.event).filter((e) => e === 'partner_confirmed')).toHaveLength(1);
  });

  it('the nudge of "ask" names person one and carries person two\'s link only, no answer', async () => {
    h.close();
    h = harness();
    const res = await h.post('/api/bookings', { ...markedBody('2026-11-06T14:00:00.000Z'), meta: { honeypot: '', stamp: h.stamp() } });
    const created = (await res.json()) as BookingCreated;
    expect(await queueDueReminders(h.config, h.store, NOW + DAY_MS)).toBe(1);
    const [nudge] = (await h.store.outbox.ofBooking(created.booking.id)).filter((r) => r.message.kind === 'nudge');
    expect(nudge.recipient).toBe(PEOPLE.email2);
    const text = [nudge.message.subject, nudge.message.text, nudge.message.html].join('\n');
    expect(found(text, [...MINE, PEOPLE.email1])).toEqual([]);
    expect(text).toContain(`${PEOPLE.name1} booked the`);
    expect(text).not.toContain(new URL(created.manageUrl).searchParams.get('token')!);
  });
});
