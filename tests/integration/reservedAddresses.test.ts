// A person's email that is the practice's or a coach's is refused at its path: nothing is booked, nothing is mailed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../core/api.ts';
import { bookingBody } from '../support/fixtures.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const body = (start: string, first: string, second: string) => {
  const b = { ...bookingBody(start), meta: { honeypot: '', openedAt: new Date(NOW - 90_000).toISOString() } };
  b.intake.people[0].email = first;
  b.intake.people[1].email = second;
  return b;
};

describe("the two people's addresses", () => {
  it.each([
    [
      "the practice's address",
      'Coaching@Example.org',
      'grace@example.com',
      [{ path: 'intake.people.0.email', message: "this is the practice's own address: please give your own" }],
    ],
    [
      "a coach's address",
      'ada@example.com',
      'jonas@example.org',
      [{ path: 'intake.people.1.email', message: "this is one of the coaches' addresses: please give your own" }],
    ],
    [
      'both',
      'maya@example.org',
      'coaching@example.org',
      [
        { path: 'intake.people.0.email', message: "this is one of the coaches' addresses: please give your own" },
        { path: 'intake.people.1.email', message: "this is the practice's own address: please give your own" },
      ],
    ],
  ])('refuses %s with 422 at its path and books nothing', async (_name, first, second, issues) => {
    const [slot] = await h.slots();
    const res = await h.post('/api/bookings', body(slot.start, first, second));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ApiError).error).toEqual({ code: 'invalid', message: 'some answers need another look', issues });
    expect(await h.counts()).toEqual({ bookings: 0, outbox: 0, idempotency: 0 });
  });

  it('books with two addresses of their own', async () => {
    const [slot] = await h.slots();
    expect((await h.post('/api/bookings', body(slot.start, 'ada@example.com', 'grace@example.com'))).status).toBe(201);
  });
});
