// Confidentiality on the real server over a booking, a reschedule and a cancel: the answers reach only the coaches'
// copies and the store; the log, the duo's copies, the links and the error messages hold none; the sponsor gets nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import type { BookingRequestInput } from '../../core/intake.ts';
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
