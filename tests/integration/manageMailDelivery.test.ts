// A move and a cancel through the real server, delivered to a real SMTP server on loopback: the same UID,
// METHOD:REQUEST with SEQUENCE 1 to all four, then METHOD:CANCEL with STATUS:CANCELLED and SEQUENCE 2.
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated, ManagedBooking } from '../../core/api.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { calendarPart, startSmtp, type LoopbackSmtp, type Received } from '../support/loopbackSmtp.ts';
import { HOUR_MS } from '../../core/time.ts';

const EVERYONE = ['maya@example.org', 'jonas@example.org', 'ada@example.com', 'grace@example.com'];

let smtp: LoopbackSmtp;
let server: RunningServer;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ config: testConfig(), env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

async function received(n: number): Promise<Received[]> {
  const until = Date.now() + 15_000;
  while (smtp.received.length < n) {
    if (Date.now() > until) throw new Error(`only ${smtp.received.length} of ${n} messages arrived`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300)); // nothing more should follow
  return smtp.received.slice();
}

function event(r: Received) {
  const part = calendarPart(r.mail)!;
  const ev = new ICAL.Component(ICAL.parse(part.content) as never).getFirstSubcomponent('vevent')!;
  return {
    to: r.rcpt.join(),
    partMethod: part.method,
    method: /^METHOD:(.*)\r$/m.exec(part.content)?.[1],
    uid: ev.getFirstPropertyValue('uid'),
    sequence: ev.getFirstPropertyValue('sequence'),
    status: ev.getFirstPropertyValue('status'),
    start: String(ev.getFirstPropertyValue('dtstart')),
  };
}

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('a moved call reaches all four as an update of the same event, and a cancel after it as a cancellation', async () => {
  const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
  // Well clear of the 24-hour edge, which the real clock keeps moving towards.
  const later = slots.filter((s) => Date.parse(s.start) > Date.now() + 26 * HOUR_MS);
  const [first, to] = [later[0], later.find((s) => Date.parse(s.start) >= Date.parse(later[0].start) + 24 * HOUR_MS)!];
  const created = (await (await post('/api/bookings', bookingBody(first.start))).json()) as BookingCreated;
  const { id } = created.booking;
  const token = new URL(created.manageUrl).searchParams.get('token')!;
  const invitations = (await received(4)).map(event);
  const uid = invitations[0].uid;
  expect(invitations.map((e) => [e.method, e.sequence, e.uid])).toEqual(Array(4).fill(['REQUEST', 0, uid]));

  const moved = await post(`/api/bookings/${id}/reschedule`, { token, start: to.start });
  expect(moved.status).toBe(200);
  expect(((await moved.json()) as ManagedBooking).booking.start).toBe(to.start);
  const updates = (await received(8)).slice(4);
  expect(updates.map((r) => r.rcpt.join()).sort()).toEqual([...EVERYONE].sort());
  for (const r of updates) {
    expect(event(r)).toMatchObject({ partMethod: 'REQUEST', method: 'REQUEST', uid, sequence: 1, start: to.start.replace('.000Z', 'Z') });
    expect(r.mail.subject).toMatch(/^Moved: /);
    expect(r.mail.messageId).toMatch(new RegExp(`^<${id}\\.request\\.1\\.[0-9a-f]{16}@localhost>$`));
  }

  const cancelled = await post(`/api/bookings/${id}/cancel`, { token, reason: 'Our board said no.' });
  expect(cancelled.status).toBe(200);
  const cancels = (await received(12)).slice(8);
  expect(cancels.map((r) => r.rcpt.join()).sort()).toEqual([...EVERYONE].sort());
  for (const r of cancels) {
    expect(event(r)).toMatchObject({ partMethod: 'CANCEL', method: 'CANCEL', uid, sequence: 2, status: 'CANCELLED' });
    const coach = r.rcpt[0].endsWith('@example.org');
    expect(r.mail.text?.includes('Our board said no.'), r.rcpt.join()).toBe(coach);
  }
  expect(smtp.received).toHaveLength(12);
});
