// Each event's webhook body: the booking, its times, its coaches, the people's names and zones, what happened — and
// the personal part only for an endpoint that includes it.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { IntakeSchema } from '../../../core/intake.ts';
import { webhookPayload, type BookingEvent, type EventBooking } from '../../../core/webhookEvents.ts';
import { bookingBody } from '../../support/fixtures.ts';

const AT = Date.parse('2026-11-02T12:00:00Z');
const intake = v.parse(IntakeSchema, bookingBody('2026-11-10T14:00:00Z').intake);
const booking: EventBooking = {
  id: 'bk1',
  start: Date.parse('2026-11-10T14:00:00Z'),
  end: Date.parse('2026-11-10T14:45:00Z'),
  status: 'confirmed',
  coaches: [
    { id: 'maya', holds: 0 },
    { id: 'jonas', holds: 1 },
  ],
  intake,
};
const NAMES: Record<string, string> = { maya: 'Maya Okafor', jonas: 'Jonas Weber', ana: 'Ana Lima' };
const body = (event: BookingEvent, personal = false, b = booking) =>
  webhookPayload({ event, booking: b, at: AT, coachName: (id) => NAMES[id], personal, sequence: 4 });

const common = {
  sequence: 4,
  booking: { id: 'bk1', status: 'confirmed', start: '2026-11-10T14:00:00.000Z', end: '2026-11-10T14:45:00.000Z' },
  coaches: [
    { id: 'maya', name: 'Maya Okafor', holds: 0 },
    { id: 'jonas', name: 'Jonas Weber', holds: 1 },
  ],
  people: [
    { name: 'Ada Lovelace', timeZone: 'America/New_York' },
    { name: 'Grace Hopper', timeZone: 'Europe/London' },
  ],
};

describe('a webhook body', () => {
  it('carries the type, when it happened and the booking as it stands, for every event', () => {
    const cases: [BookingEvent, Record<string, unknown>][] = [
      [{ type: 'booking.created' }, {}],
      [{ type: 'booking.confirmed', by: { role: 'person', person: 1 } }, { by: { role: 'person', person: 1 } }],
      [
        {
          type: 'booking.rescheduled',
          from: { start: Date.parse('2026-11-09T14:00:00Z'), end: Date.parse('2026-11-09T14:45:00Z') },
          by: { role: 'person', person: 1 },
        },
        {
          from: { start: '2026-11-09T14:00:00.000Z', end: '2026-11-09T14:45:00.000Z' },
          to: { start: '2026-11-10T14:00:00.000Z', end: '2026-11-10T14:45:00.000Z' },
          by: { role: 'person', person: 1 },
        },
      ],
      [{ type: 'booking.cancelled', by: { role: 'coach', coach: 'maya' }, reason: 'Sick' }, { by: { role: 'coach', coach: 'maya' } }],
      [{ type: 'booking.released', reason: 'not_confirmed' }, { released: { reason: 'not_confirmed' } }],
      [
        { type: 'booking.no_show', absent: [{ role: 'person', person: 1 }], by: { role: 'coach', coach: 'jonas' } },
        {
          absent: [{ role: 'person', person: 1 }],
          by: { role: 'coach', coach: 'jonas' },
        },
      ],
    ];
    for (const [event, extra] of cases) {
      expect(body(event)).toEqual({ type: event.type, timestamp: '2026-11-02T12:00:00.000Z', data: { ...common, ...extra } });
    }
  });

  it('names the coach leaving and the one joining a reassigned call, who holds the same person', () => {
    const after: EventBooking = {
      ...booking,
      coaches: [
        { id: 'ana', holds: 0 },
        { id: 'jonas', holds: 1 },
      ],
    };
    expect(
      body({ type: 'booking.reassigned', leaving: 'maya', joining: 'ana', by: { role: 'coach', coach: 'maya' } }, false, after).data,
    ).toEqual({
      ...common,
      coaches: [
        { id: 'ana', name: 'Ana Lima', holds: 0 },
        { id: 'jonas', name: 'Jonas Weber', holds: 1 },
      ],
      leaving: { id: 'maya', name: 'Maya Okafor', holds: 0 },
      joining: { id: 'ana', name: 'Ana Lima', holds: 0 },
      by: { role: 'coach', coach: 'maya' },
    });
  });

  it('holds emails, roles, the answers and a cancel reason only for an endpoint that includes personal data', () => {
    const event: BookingEvent = { type: 'booking.cancelled', by: { role: 'person', person: 0 }, reason: 'Sick' };
    const plain = JSON.stringify(body(event));
    for (const marker of [
      'ada@example.com',
      'grace@example.com',
      'CEO',
      'COO',
      'Acme',
      'We disagree on hiring.',
      'Decide together, faster.',
      'Sick',
    ]) {
      expect(plain).not.toContain(marker);
    }
    expect(body(event, true).data).toEqual({
      ...common,
      people: [
        { name: 'Ada Lovelace', timeZone: 'America/New_York', email: 'ada@example.com', role: 'CEO' },
        { name: 'Grace Hopper', timeZone: 'Europe/London', email: 'grace@example.com', role: 'COO' },
      ],
      intake: { partnership: intake.partnership, focus: intake.focus, sponsor: null },
      by: { role: 'person', person: 0 },
      reason: 'Sick',
    });
  });

  it('names nobody once retention has deleted the answers', () => {
    expect(
      body({ type: 'booking.no_show', absent: [{ role: 'coach', coach: 'maya' }], by: { role: 'admin' } }, true, {
        ...booking,
        intake: null,
      }).data,
    ).toEqual({ ...common, people: [], absent: [{ role: 'coach', coach: 'maya' }], by: { role: 'admin' } });
  });
});
