// Fixed inputs for the invitation tests: one booking, its intake, and the instants that must not move.
import * as v from 'valibot';
import { BookingRequestSchema, type Intake } from '../../core/intake.ts';
import { bookingBody, testConfig } from './fixtures.ts';

export const config = testConfig();

/** Tuesday 1 December 2026, 15:00–15:45 UTC: 10:00 in New York, 15:00 in London, 16:00 in Berlin. */
export const booking = {
  id: 'bk_golden',
  uid: 'bk_golden@localhost',
  start: Date.parse('2026-12-01T15:00:00Z'),
  end: Date.parse('2026-12-01T15:45:00Z'),
  sequence: 0,
  // The test config's two coaches: Maya (New York) holds Ada (New York), Jonas (Berlin) holds Grace (London).
  coaches: [
    { id: 'maya', holds: 0 as const },
    { id: 'jonas', holds: 1 as const },
  ],
};
export const moved = { ...booking, start: Date.parse('2026-12-02T16:00:00Z'), end: Date.parse('2026-12-02T16:45:00Z'), sequence: 1 };
export const bookedAt = Date.parse('2026-11-24T10:00:00Z');
export const movedAt = Date.parse('2026-11-25T09:30:00Z');
export const cancelledAt = Date.parse('2026-11-26T08:15:00Z');
export const manageUrl = 'http://localhost:8787/manage?id=bk_golden&token=t0ken';

/** Words that appear only in the intake answers: none may reach the duo's copies. */
export const ANSWERS = [
  'We disagree on hiring.',
  'Decide together, faster.',
  'Acme',
  'Board chair',
  'chair@example.com',
  'Building or repairing trust',
  'Co-founders',
];

export function intake(over: Partial<Parameters<typeof bookingBody>[1]> = {}): Intake {
  return v.parse(
    BookingRequestSchema,
    bookingBody('2026-12-01T15:00:00Z', {
      sponsor: { name: 'Board chair', email: 'chair@example.com', relation: 'board' },
      ...over,
    }),
  ).intake;
}
