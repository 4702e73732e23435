// The API while the store cannot answer: another process holds the database's write lock, or the store is closed.
// Every such answer is 503 `unavailable` (never a 500), nothing is half-written, and it recovers by itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, BookingCreated } from '../../core/api.ts';
import { bookingBody } from '../support/fixtures.ts';
import { holdStoreLock } from '../support/storeLock.ts';
import { harness, type Harness } from '../support/apiHarness.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('a store that cannot answer', () => {
  it('a booking while another process holds the write lock is 503 unavailable, and books once the lock is free', async () => {
    const [slot] = await h.slots();
    const holder = await holdStoreLock(h.storeFile);
    let res: Response;
    try {
      res = await h.post('/api/bookings', bookingBody(slot.start));
      // The times stay readable meanwhile: reads do not wait for the writer.
      expect((await h.slots())[0]).toEqual(slot);
    } finally {
      await holder.release();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const body = (await res.json()) as ApiError;
    expect(body.error.code).toBe('unavailable');
    expect(await h.counts()).toEqual({ bookings: 0, outbox: 0, idempotency: 0 });
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'store_unavailable', reason: 'busy' }));

    const again = await h.post('/api/bookings', bookingBody(slot.start));
    expect(again.status).toBe(201);
    expect(((await again.json()) as BookingCreated).booking.start).toBe(slot.start);
  });

  it('every route that reads or writes answers 503 unavailable once the store is closed', async () => {
    const [slot] = await h.slots();
    const created = (await (await h.post('/api/bookings', bookingBody(slot.start))).json()) as BookingCreated;
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    const id = created.booking.id;
    await h.store.close();
    const answers = await Promise.all([
      h.request('/api/availability?from=2026-11-20T00:00:00Z'),
      h.post('/api/bookings', bookingBody(slot.start)),
      h.request(`/api/bookings/${id}?token=${token}`),
      h.request(`/api/bookings/${id}/invite.ics?token=${token}`),
      h.request(`/api/bookings/${id}/availability?token=${token}`),
      h.post(`/api/bookings/${id}/reschedule`, { token, start: slot.start }),
      h.post(`/api/bookings/${id}/cancel`, { token }),
    ]);
    expect(answers.map((r) => r.status)).toEqual(Array(7).fill(503));
    for (const r of answers) expect(((await r.json()) as ApiError).error.code).toBe('unavailable');
  });
});
