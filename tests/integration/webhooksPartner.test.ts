// Webhooks of person two's part (issue 18) through the real API: their confirmation, a cancel through their own link,
// and a held time released by the server's clock — each verified by a real receiver with standardwebhooks.
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../core/time.ts';
import { releaseDueHolds } from '../../server/booking/releaseHolds.ts';
import { NOW } from '../support/apiHarness.ts';
import { SECRET, types, webhookHarness } from '../support/webhookHarness.ts';

// Friday 6 November 2026, 14:00 UTC: both test coaches are free; booked at NOW, a 48-hour hold ends on Wednesday noon.
const FRIDAY = '2026-11-06T14:00:00.000Z';
const REQUIRE = { partnerConfirmation: 'require', confirmWithinHours: 48, minNoticeHours: 25, cancelNoticeHours: 24 };
const TICKED = { notice: true, presence: true, confidentiality: true, commitment: true };
const EVENTS = ['booking.created', 'booking.confirmed', 'booking.cancelled', 'booking.released'];
// Person two's own answers: personal data like the intake's.
const VIEW = { now: 'Grace feels unheard in meetings', hopes: 'Grace wants a weekly hour together' };

const wh = webhookHarness();

async function twoEndpoints(call: Record<string, unknown> = {}) {
  const plain = await wh.receiver();
  const personal = await wh.receiver();
  wh.start(
    [
      { url: plain.url, secret: SECRET, events: EVENTS, allowLoopback: true },
      { url: personal.url, secret: SECRET, events: EVENTS, allowLoopback: true, includePersonalData: true },
    ],
    call,
  );
  return { plain, personal, worker: wh.worker() };
}

describe("webhooks of person two's part", () => {
  it('tell of person two confirming, by person two; their own answers go only to an endpoint with personal data', async () => {
    const { plain, personal, worker } = await twoEndpoints();
    const b = await wh.book(FRIDAY);
    wh.setNow(NOW + HOUR_MS);
    const res = await wh.h.post(`/api/bookings/${b.id}/confirm`, { token: b.partnerToken, agreements: TICKED, view: VIEW });
    expect(res.status).toBe(200);
    // A second confirm changes nothing and tells nobody.
    expect((await wh.h.post(`/api/bookings/${b.id}/confirm`, { token: b.partnerToken, agreements: TICKED })).status).toBe(409);
    await worker.flush();

    expect(types(plain.verified())).toEqual(['1 booking.created', '2 booking.confirmed']);
    const [, confirmed] = plain.verified();
    expect(confirmed.timestamp).toBe(new Date(NOW + HOUR_MS).toISOString());
    expect(confirmed.data.by).toEqual({ role: 'person', person: 1 });
    expect(confirmed.data.booking).toMatchObject({ id: b.id, status: 'confirmed', start: FRIDAY });
    const plainText = plain.received.map((r) => r.body).join('\n');
    for (const marker of [VIEW.now, VIEW.hopes, 'grace@example.com']) expect(plainText).not.toContain(marker);
    const [, withData] = personal.verified();
    expect(withData.data.intake?.partnerView).toEqual(VIEW);
  });

  it('name person two as the one who cancelled through their own link', async () => {
    const { plain, worker } = await twoEndpoints();
    const b = await wh.book(FRIDAY);
    expect((await wh.h.post(`/api/bookings/${b.id}/cancel`, { token: b.partnerToken })).status).toBe(200);
    await worker.flush();
    const [, cancelled] = plain.verified();
    expect([cancelled.type, cancelled.data.by]).toEqual(['booking.cancelled', { role: 'person', person: 1 }]);
  });

  it('tell of a held time released by the clock, in the same transaction as the release, and of no confirm after it', async () => {
    const { plain, worker } = await twoEndpoints(REQUIRE);
    const b = await wh.book(FRIDAY);
    const windowEnd = NOW + 48 * HOUR_MS;
    expect(await releaseDueHolds({ config: wh.h.config, store: wh.h.store }, windowEnd - 1)).toBe(0);
    expect(await wh.h.store.webhooks.ofBooking(b.id)).toHaveLength(2);
    wh.setNow(windowEnd);
    expect(await releaseDueHolds({ config: wh.h.config, store: wh.h.store }, windowEnd)).toBe(1);
    const late = await wh.h.post(`/api/bookings/${b.id}/confirm`, { token: b.partnerToken, agreements: TICKED });
    expect(late.status).toBe(409);
    await worker.flush();

    expect(types(plain.verified())).toEqual(['1 booking.created', '2 booking.released']);
    const [, released] = plain.verified();
    expect(released).toMatchObject({
      timestamp: new Date(windowEnd).toISOString(),
      data: { booking: { id: b.id, status: 'cancelled', start: FRIDAY }, released: { reason: 'not_confirmed' } },
    });
  });

  it('tell of a release that a late confirm itself made, when the job had not run yet', async () => {
    const { plain, worker } = await twoEndpoints(REQUIRE);
    const b = await wh.book(FRIDAY);
    wh.setNow(NOW + 48 * HOUR_MS);
    expect((await wh.h.post(`/api/bookings/${b.id}/confirm`, { token: b.partnerToken, agreements: TICKED })).status).toBe(409);
    await worker.flush();
    expect(types(plain.verified())).toEqual(['1 booking.created', '2 booking.released']);
  });
});
