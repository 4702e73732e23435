// Person two confirms their part through their own link: POST /api/bookings/:id/confirm, its refusals, the coaches'
// short note with the answers labelled as theirs, people[i].confirmed, and the coaches' reminder saying so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, BookingCreated, ManagedBooking } from '../../core/api.ts';
import { HOUR_MS } from '../../core/time.ts';
import { queueDueReminders } from '../../server/mail/reminders.ts';
import { erasureMatch } from '../../server/privacy/addressMatch.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import { bookingBody } from '../support/fixtures.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

// Tuesday 3 November 2026, 13:00 UTC: the first slot the test coaches share.
const FIRST = '2026-11-03T13:00:00.000Z';
const TICKED = { notice: true, presence: true, confidentiality: true, commitment: true };
const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
const mails = async (id: string): Promise<OutgoingMail[]> => (await h.store.outbox.ofBooking(id)).map((r) => r.message);

async function book(start = FIRST) {
  const res = await h.post('/api/bookings', {
    ...bookingBody(start),
    meta: { honeypot: '', stamp: h.stamp() },
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as BookingCreated;
  const id = created.booking.id;
  const invitation = (await mails(id)).find((m) => m.to === 'grace@example.com')!;
  const partner = new URL(/http:\/\/localhost:8787\/manage\?id=[\w-]+&token=[\w-]+/.exec(invitation.text)![0]).searchParams.get('token')!;
  return { id, one: new URL(created.manageUrl).searchParams.get('token')!, two: partner, invitation };
}

const confirm = (id: string, body: unknown) => h.post(`/api/bookings/${id}/confirm`, body);
const view = async (id: string, token: string) => (await (await h.request(`/api/bookings/${id}?token=${token}`)).json()) as ManagedBooking;

describe("person two's part", () => {
  it('their invitation says who booked for both and asks them to confirm through their own link', async () => {
    const b = await book();
    expect(b.invitation.text).toContain(
      'Ada Lovelace booked this call for both of you. Please confirm your own part through your own link',
    );
    expect(b.invitation.text).toContain(`To confirm your part:\nhttp://localhost:8787/manage?id=${b.id}&token=${b.two}`);
    const ada = (await mails(b.id)).find((m) => m.to === 'ada@example.com')!;
    expect(ada.text).not.toContain('To confirm your part');
  });

  it('is unconfirmed until they confirm; then both views say so and the coaches get one short note, not an invitation', async () => {
    const b = await book();
    expect((await view(b.id, b.one)).people.map((p) => p.confirmed)).toEqual([true, false]);
    const res = await confirm(b.id, {
      token: b.two,
      agreements: TICKED,
      view: { now: 'Tense since the merger.', hopes: 'Fewer silent weeks.' },
    });
    expect(res.status).toBe(200);
    const answer = await res.text();
    expect(JSON.parse(answer).people.map((p: { confirmed: boolean }) => p.confirmed)).toEqual([true, true]);
    expect(answer).not.toMatch(/Tense since|Fewer silent/);
    expect((await view(b.id, b.one)).people.map((p) => p.confirmed)).toEqual([true, true]);

    const notes = (await mails(b.id)).slice(4);
    expect(notes.map((m) => [m.to, m.kind, m.icalEvent])).toEqual([
      ['maya@example.org', 'note', undefined],
      ['jonas@example.org', 'note', undefined],
    ]);
    for (const m of notes) {
      expect(m.subject).toBe('Confirmed by Grace Hopper: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)');
      expect(m.text).toContain(
        'Grace Hopper confirmed their part of the 2:2 Coaching discovery call and ticked the four agreements themselves.',
      );
      expect(m.text).toContain('Grace Hopper’s own answers (for the two coaches only; Ada Lovelace does not see them)');
      expect(m.text).toContain('How is this partnership for you right now?');
      expect(m.text).toContain('  Tense since the merger.');
      expect(m.text).toContain('What would you like to be different?');
      expect(m.text).toContain('  Fewer silent weeks.');
    }
    expect(JSON.stringify(h.logs)).not.toMatch(/Tense since|Fewer silent|grace@/);
  });

  it("refuses a second confirm, person one's link, a wrong token and a cancelled call", async () => {
    const b = await book();
    const mine = await confirm(b.id, { token: b.one, agreements: TICKED });
    expect([mine.status, (await errorOf(mine)).code]).toEqual([403, 'not_partner']);
    const wrong = await confirm(b.id, { token: 'x'.repeat(43), agreements: TICKED });
    expect([wrong.status, (await errorOf(wrong)).code]).toEqual([404, 'not_found']);
    expect((await confirm(b.id, { token: b.two, agreements: TICKED })).status).toBe(200);
    const again = await confirm(b.id, { token: b.two, agreements: TICKED, view: { now: 'second' } });
    expect([again.status, (await errorOf(again)).code]).toEqual([409, 'already_confirmed']);
    expect((await mails(b.id)).filter((m) => m.kind === 'note')).toHaveLength(2);

    const c = await book('2026-11-04T14:00:00.000Z');
    expect((await h.post(`/api/bookings/${c.id}/cancel`, { token: c.two })).status).toBe(200);
    const late = await confirm(c.id, { token: c.two, agreements: TICKED });
    expect([late.status, (await errorOf(late)).code]).toEqual([409, 'already_cancelled']);
  });

  it('two confirms at once: exactly one wins, one note per coach', async () => {
    const b = await book();
    const answers = await Promise.all([
      confirm(b.id, { token: b.two, agreements: TICKED, view: { now: 'first' } }),
      confirm(b.id, { token: b.two, agreements: TICKED, view: { now: 'second' } }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await mails(b.id)).filter((m) => m.kind === 'note').map((m) => m.to)).toEqual(['maya@example.org', 'jonas@example.org']);
  });

  it('answers 422 with the path of each agreement left unticked and of an answer too long, echoing no answer', async () => {
    const b = await book();
    const res = await confirm(b.id, {
      token: b.two,
      agreements: { ...TICKED, presence: false },
      view: { now: 'SECRET-LONG'.repeat(400), hopes: 3 },
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    const paths = (JSON.parse(text) as ApiError).error.issues!.map((i) => i.path).sort();
    expect(paths).toEqual(['agreements.presence', 'view.hopes', 'view.now']);
    expect(text).not.toContain('SECRET-LONG');
    const missing = await confirm(b.id, { token: b.two });
    expect((await errorOf(missing)).issues!.map((i) => i.path)).toEqual(['agreements']);
  });

  it("the coaches' reminder says whether person two has confirmed", async () => {
    const b = await book();
    const dayBefore = Date.parse(FIRST) - 23 * HOUR_MS;
    h.setNow(dayBefore);
    expect(await queueDueReminders(h.config, h.store, dayBefore)).toBe(1);
    const [maya, , ada] = (await mails(b.id)).filter((m) => m.kind === 'reminder');
    expect(maya.text).toContain('Grace Hopper has not confirmed their part yet.');
    expect(ada.text).not.toContain('confirmed their part');
  });

  it("retention deletes person two's answers with the intake, and either person's address erases them", async () => {
    const b = await book();
    expect((await confirm(b.id, { token: b.two, agreements: TICKED, view: { now: 'Mkp2-retained', hopes: '' } })).status).toBe(200);
    expect((await h.store.reads.booking(b.id))!.partnerView).toEqual({ now: 'Mkp2-retained', hopes: '' });
    await h.store.privacy.applyRetention([b.id], []);
    const kept = (await h.store.reads.booking(b.id))!;
    expect([kept.intake, kept.partnerView, kept.partnerConfirmedAt === null]).toEqual([null, null, false]);

    for (const address of ['ada@example.com', 'grace@example.com']) {
      const c = await book('2026-11-04T14:00:00.000Z');
      expect((await confirm(c.id, { token: c.two, agreements: TICKED, view: { now: 'Mkp2-erased' } })).status).toBe(200);
      expect((await h.store.privacy.erase(erasureMatch(address), NOW)).bookings).toBe(1);
      expect(await h.store.reads.booking(c.id)).toBeUndefined();
      expect(h.storeBytes()).not.toContain('Mkp2-erased');
    }
  });
});
