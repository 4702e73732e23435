// "I can't take this call" and "who did not come", from a coach's page: another free coach takes the place by the
// pool's rules (CANCEL to the leaving coach, REQUEST to the new one, a higher SEQUENCE to everyone else); with no
// coach free the administrators are told at once and the duo nothing; after the call, absences are recorded.
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedBooking } from '../../core/api.ts';
import { HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import * as v from 'valibot';
import { ConfigSchema } from '../../core/config.ts';
import type { WebhookPayload } from '../../core/webhookEvents.ts';
import { coachHarness, type CoachHarness } from '../support/coachHarness.ts';
import { SECRET } from '../support/webhookHarness.ts';
import { poolConfig } from '../support/poolFixtures.ts';

const START = Date.parse('2026-11-10T15:00:00Z');

/** The iTIP method, SEQUENCE, STATUS and attendees of a message's calendar part, read by ical.js. */
function calendar(m: OutgoingMail) {
  const cal = new ICAL.Component(ICAL.parse(m.icalEvent!.content));
  const event = cal.getFirstSubcomponent('vevent')!;
  return {
    method: cal.getFirstPropertyValue('method'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/i, '')),
  };
}

describe('handing a call on, and who did not come', () => {
  let h: CoachHarness;
  let busy: Record<string, { start: number; end: number }[]>;
  let id: string;
  let token: string;
  beforeEach(async () => {
    busy = {};
    const config = poolConfig({ practice: { admins: ['ops@example.org'] } });
    // The practice's CRM hears of both changes (queued in the webhook outbox with the change itself).
    config.webhooks = v.parse(ConfigSchema, {
      ...config,
      webhooks: [{ url: 'https://crm.example.org/duet', secret: SECRET, events: ['booking.reassigned', 'booking.no_show'] }],
    }).webhooks;
    h = coachHarness({ config, busy: () => busy });
    const created = await h.book('2026-11-10T15:00:00Z');
    id = created.booking.id;
    token = new URL(created.manageUrl).searchParams.get('token')!;
    expect((await h.store.reads.booking(id))!.coaches).toEqual([
      { id: 'maya', holds: 0 },
      { id: 'ben', holds: 1 },
    ]);
  });
  afterEach(() => h.close());

  const duoView = async () => (await (await h.app.request(`/api/bookings/${id}?token=${token}`)).json()) as ManagedBooking;

  it('another free coach takes the place and the person; the leaving coach gets a CANCEL, everyone else the update', async () => {
    const maya = h.browser();
    await h.signIn(maya, 'maya@example.org');
    const before = (await h.mails()).length;
    const done = await maya.post(`/coach/calls/${id}/leave`, [['confirm', 'yes']]);
    expect(done.status).toBe(200);
    expect(done.doc.querySelector('h1')!.textContent).toBe('Your place is handed on');
    expect(done.text).toContain('Cy Moreau takes your place on this call.');

    const after = (await h.store.reads.booking(id))!;
    expect(after).toMatchObject({
      sequence: 1,
      status: 'confirmed',
      start: START,
      coaches: [
        { id: 'cy', holds: 0 },
        { id: 'ben', holds: 1 },
      ],
    });
    expect(JSON.parse(after.pairReason!).text).toBe(
      'Maya Okafor could not take this call, so the pool chose again, keeping Ben Ito: ' +
        'Of 2 free pairs, Ben Ito and Cy Moreau tied with another pair on every rule and come first in the configuration.',
    );
    expect((await duoView()).booking.coaches.map((c) => c.name)).toEqual(['Cy Moreau', 'Ben Ito']);

    const sent = (await h.mails()).slice(before);
    expect(sent.map((m) => [m.to, m.icalEvent?.method])).toEqual([
      ['maya@example.org', 'CANCEL'],
      ['cy@example.org', 'REQUEST'],
      ['ben@example.org', 'REQUEST'],
      ['ada@example.com', 'REQUEST'],
      ['grace@example.com', 'REQUEST'],
    ]);
    const everyone = ['cy@example.org', 'ben@example.org', 'ada@example.com', 'grace@example.com'];
    expect(calendar(sent[0])).toEqual({ method: 'CANCEL', sequence: 1, status: 'CANCELLED', attendees: ['maya@example.org'] });
    for (const m of sent.slice(1))
      expect(calendar(m)).toEqual({ method: 'REQUEST', sequence: 1, status: 'CONFIRMED', attendees: everyone });
    // The new coach and the one who stays get the answers; the duo and the leaving coach never.
    expect(sent.map((m) => m.text.includes('We disagree on hiring.'))).toEqual([false, true, true, false, false]);
    expect(sent[1].text).toContain("You hold Ada Lovelace's experience; Ben Ito holds Grace Hopper's.");
    expect(sent[3].text).toContain(
      'Maya Okafor can no longer join your 2:2 Coaching discovery call with WBT Coaching: Cy Moreau joins instead.',
    );

    // Maya holds the call no more: it is gone from her page and her time is free again; Cy has it.
    expect((await maya.get(`/coach/calls/${id}`)).status).toBe(404);
    const cy = h.browser();
    const cyPage = await h.signIn(cy, 'cy@example.org');
    expect([...cyPage.doc.querySelectorAll('section[aria-labelledby=upcoming] h3 a')].map((a) => a.getAttribute('href'))).toEqual([
      `/coach/calls/${id}`,
    ]);
    expect((await h.store.reads.liveBookings({ start: START, end: START + 1 }))[0].coaches).toEqual(['cy', 'ben']);
    const [hook] = await h.store.webhooks.ofBooking(id);
    const payload = JSON.parse(hook.body) as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'booking.reassigned',
      data: {
        joining: { id: 'cy', name: 'Cy Moreau', holds: 0 },
        leaving: { id: 'maya', name: 'Maya Okafor' },
        by: { role: 'coach', coach: 'maya' },
      },
    });
    expect(hook.body).not.toContain('We disagree on hiring.');
  });

  it('with no coach free, the administrators are told at once and nothing changes for the duo', async () => {
    busy = { cy: [{ start: START - HOUR_MS, end: START + HOUR_MS }], dee: [{ start: START, end: START + HOUR_MS }] };
    const maya = h.browser();
    await h.signIn(maya, 'maya@example.org');
    const before = (await h.mails()).length;
    const answer = await maya.post(`/coach/calls/${id}/leave`, [['confirm', 'yes']]);
    expect(answer.doc.querySelector('h1')!.textContent).toBe('No other coach is free');
    expect((await h.store.reads.booking(id))!).toMatchObject({
      sequence: 0,
      coaches: [
        { id: 'maya', holds: 0 },
        { id: 'ben', holds: 1 },
      ],
    });
    const sent = (await h.mails()).slice(before);
    expect(sent.map((m) => [m.to, m.kind, m.subject])).toEqual([
      ['coaching@example.org', 'notice', 'No coach free: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)'],
      ['ops@example.org', 'notice', 'No coach free: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)'],
    ]);
    expect(sent[0].text).toContain(
      'Maya Okafor cannot take the 2:2 Coaching discovery call with Ada Lovelace & Grace Hopper, and no other coach of the pool is free then.',
    );
    expect(sent[0].text).toContain(`http://localhost:8787/coach/calls/${id}`);
    expect(sent.some((m) => m.text.includes('We disagree on hiring.') || m.icalEvent)).toBe(false);

    const admin = await h.signIn(h.browser(), 'ops@example.org');
    const waiting = admin.doc.querySelector('section[aria-labelledby=decide]')!;
    expect(waiting.querySelector('h3 a')!.getAttribute('href')).toBe(`/coach/calls/${id}`);
    expect(waiting.textContent).toContain(
      'Maya Okafor said on Monday, 2 November 2026 at 07:00 New York time that they cannot take this call',
    );
    expect((await maya.get(`/coach/calls/${id}`)).text).toContain('You asked before and no coach was free then');

    // Once a coach is free again, asking again hands the call on, and the call waits no more.
    busy = { cy: busy.cy };
    await maya.post(`/coach/calls/${id}/leave`, [['confirm', 'yes']]);
    expect(await h.store.desk.call(id)).toMatchObject({
      booking: {
        sequence: 1,
        coaches: [
          { id: 'dee', holds: 0 },
          { id: 'ben', holds: 1 },
        ],
      },
    });
    expect((await h.store.desk.call(id))!.withdrawal).toBeUndefined();
  });

  it('asks for the box to be ticked; refuses after the notice, on a cancelled call, and from another origin', async () => {
    const maya = h.browser();
    await h.signIn(maya, 'maya@example.org');
    expect((await maya.post(`/coach/calls/${id}/leave`, [])).status).toBe(422);
    expect((await maya.post(`/coach/calls/${id}/leave`, [['confirm', 'yes']], { origin: 'https://evil.example' })).status).toBe(403);
    expect((await h.store.reads.booking(id))!.sequence).toBe(0);

    // The last moment of the 24-hour notice still may; a millisecond later it may not.
    h.setNow(START - 24 * HOUR_MS + 1);
    await h.signIn(maya, 'maya@example.org');
    const late = await maya.get(`/coach/calls/${id}`);
    expect(late.doc.querySelector('form[action$="/leave"]')).toBeNull();
    expect(late.text).toContain(
      'It is too late to hand this call on here (that was possible until Monday, 9 November 2026 at 10:00 New York time)',
    );
    const refused = await maya.post(`/coach/calls/${id}/leave`, [['confirm', 'yes']]);
    expect(refused.status).toBe(409);
    h.setNow(START - 24 * HOUR_MS);
    expect((await maya.post(`/coach/calls/${id}/leave`, [['confirm', 'yes']])).status).toBe(200);

    const other = await h.book('2026-11-11T15:00:00Z', 1);
    const otherToken = new URL(other.manageUrl).searchParams.get('token')!;
    await h.app.request(`/api/bookings/${other.booking.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: otherToken }),
    });
    const holder = (await h.store.reads.booking(other.booking.id))!.coaches[0].id;
    const b = h.browser();
    await h.signIn(b, h.config.coaches.find((c) => c.id === holder)!.email);
    expect((await b.post(`/coach/calls/${other.booking.id}/leave`, [['confirm', 'yes']])).status).toBe(409);
  });

  it('after the call begins, one of its coaches marks who did not come; an administrator sees it', async () => {
    h.setNow(START - HOUR_MS);
    const ben = h.browser();
    await h.signIn(ben, 'ben@example.org');
    expect((await ben.get(`/coach/calls/${id}`)).doc.querySelector('form[action$="/attendance"]')).toBeNull();
    expect((await ben.post(`/coach/calls/${id}/attendance`, [['absent', 'person:1']])).status).toBe(409);

    h.setNow(START + 50 * MINUTE_MS);
    await h.signIn(ben, 'ben@example.org');
    const page = await ben.get(`/coach/calls/${id}`);
    const labels = [...page.doc.querySelectorAll('form[action$="/attendance"] input[type=checkbox]')].map((i) => [
      i.getAttribute('value'),
      page.doc.querySelector(`label[for="${i.id}"]`)!.textContent,
    ]);
    expect(labels).toEqual([
      ['person:0', 'Ada Lovelace (person one)'],
      ['person:1', 'Grace Hopper (person two)'],
      ['coach:maya', 'Maya Okafor (coach)'],
      ['coach:ben', 'Ben Ito (coach)'],
    ]);
    const saved = await ben.post(`/coach/calls/${id}/attendance`, [
      ['absent', 'coach:maya'],
      ['absent', 'person:1'],
    ]);
    expect(saved.status).toBe(303);
    const shown = await ben.get(saved.headers.get('location')!);
    expect(shown.text).toContain('Saved: who did not come.');
    const recorded =
      'Did not come: Grace Hopper (person two), Maya Okafor (coach) (recorded by Ben Ito on Tuesday, 10 November 2026 at 15:50 London time).';
    expect(shown.text).toContain(recorded);
    expect(shown.doc.querySelector<HTMLInputElement>('input[value="person:1"]')!.checked).toBe(true);

    const admin = await h.signIn(h.browser(), 'coaching@example.org');
    expect(admin.doc.querySelector(`article[aria-labelledby=call-${id}]`)!.textContent).toContain(
      'Did not come: Grace Hopper (person two), Maya Okafor (coach) (recorded by Ben Ito on Tuesday, 10 November 2026 at 10:50 New York time).',
    );

    expect((await ben.post(`/coach/calls/${id}/attendance`, [['absent', 'coach:cy']])).status).toBe(409);
    await ben.post(`/coach/calls/${id}/attendance`, []);
    expect((await ben.get(`/coach/calls/${id}`)).text).toContain('Everyone came (recorded by Ben Ito');
    const hooks = (await h.store.webhooks.ofBooking(id)).map((w) => JSON.parse(w.body) as WebhookPayload);
    expect(hooks.map((p) => [p.type, p.data.absent, p.data.by])).toEqual([
      [
        'booking.no_show',
        [
          { role: 'person', person: 1 },
          { role: 'coach', coach: 'maya' },
        ],
        { role: 'coach', coach: 'ben' },
      ],
      ['booking.no_show', [], { role: 'coach', coach: 'ben' }],
    ]);
  });
});
