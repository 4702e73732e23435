// What Duet tells the practice's own tools about a booking: the seven event types, who acted, and the JSON body each
// webhook carries (Standard Webhooks' {type, timestamp, data}). Pure: the body is built from values passed in.
import type { BookingCoach, BookingStatus } from './api.ts';
import type { PartnerView } from './confirm.ts';
import type { CallCoach } from './holding.ts';
import type { Intake } from './intake.ts';
import type { Interval } from './interval.ts';

/** Every event a webhook endpoint may ask for, in the order a booking's life meets them. */
export const WEBHOOK_EVENTS = [
  'booking.created',
  'booking.confirmed',
  'booking.rescheduled',
  'booking.reassigned',
  'booking.cancelled',
  'booking.released',
  'booking.no_show',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Who made a change: one of the two people (by their index in `people`), a coach (by id), an administrator, or Duet itself (the clock). */
export type Actor = { role: 'person'; person: 0 | 1 } | { role: 'coach'; coach: string } | { role: 'admin' } | { role: 'duet' };

/** Someone who did not come to the call. */
export type Absent = { role: 'person'; person: 0 | 1 } | { role: 'coach'; coach: string };

/** What happened, with what only that event knows; the booking itself is passed beside it, as it stands afterwards. */
export type BookingEvent =
  | { type: 'booking.created' }
  /** Person two confirmed their part through their own link (issue 18). */
  | { type: 'booking.confirmed'; by: Actor }
  /** `from`: the times before the move (the booking carries the new ones). */
  | { type: 'booking.rescheduled'; from: Interval; by: Actor }
  /** A coach could not take the call and another took their place, holding the same person. */
  | { type: 'booking.reassigned'; leaving: string; joining: string; by: Actor }
  /** `reason`: the canceller's own words (personal data: only to endpoints that include it). */
  | { type: 'booking.cancelled'; by: Actor; reason?: string }
  /** A time held for person two's confirmation was given back: `reason` is a code such as `not_confirmed`. */
  | { type: 'booking.released'; reason: string }
  | { type: 'booking.no_show'; absent: readonly Absent[]; by: Actor };

/** The booking an event is about, after the change. `intake` is null once retention has deleted the answers. */
export interface EventBooking {
  id: string;
  start: number;
  end: number;
  status: BookingStatus;
  coaches: readonly CallCoach[];
  intake: Intake | null;
  /** Person two's own answers once they confirmed (issue 18); absent or null otherwise. */
  partnerView?: PartnerView | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const times = (i: Interval) => ({ start: iso(i.start), end: iso(i.end) });

/** A person as every endpoint sees them: the name and the zone, which a CRM needs to address and schedule them. */
export interface WebhookPerson {
  name: string;
  timeZone: string;
  email?: string;
  role?: string;
}

/** The body's `data`. `sequence` grows by one with every event of the booking: a receiver orders by it. */
export interface WebhookData {
  sequence: number;
  booking: { id: string; status: BookingStatus; start: string; end: string };
  coaches: BookingCoach[];
  people: WebhookPerson[];
  /**
   * Only with includePersonalData: the intake's answers (how they work together, their focus and hopes, the sponsor)
   * and, once person two confirmed, their own two answers.
   */
  intake?: Pick<Intake, 'partnership' | 'focus' | 'sponsor'> & { partnerView?: PartnerView };
  from?: { start: string; end: string };
  to?: { start: string; end: string };
  by?: Actor;
  /** Only with includePersonalData: the canceller's own words. */
  reason?: string;
  leaving?: BookingCoach;
  joining?: BookingCoach;
  released?: { reason: string };
  absent?: readonly Absent[];
}

export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: WebhookData;
}

export interface PayloadInput {
  event: BookingEvent;
  booking: EventBooking;
  /** When the change happened (the body's timestamp; each attempt's own time goes in the webhook-timestamp header). */
  at: number;
  /** The configured coaches' names, by id. */
  coachName: (id: string) => string;
  /** The endpoint's includePersonalData: emails, roles, the answers and a cancel reason go out only with it. */
  personal: boolean;
  sequence: number;
}

/** The body a webhook sends for `input`: the booking, its times, its coaches, the people's names and zones, what happened. */
export function webhookPayload(input: PayloadInput): WebhookPayload {
  const { event, booking, personal } = input;
  const coach = (id: string, holds?: 0 | 1): BookingCoach => ({
    id,
    name: input.coachName(id),
    holds: holds ?? booking.coaches.find((c) => c.id === id)?.holds ?? 0,
  });
  const people = (booking.intake?.people ?? []).map((p): WebhookPerson =>
    personal ? { name: p.name, timeZone: p.timeZone, email: p.email, role: p.role } : { name: p.name, timeZone: p.timeZone },
  );
  const data: WebhookData = {
    sequence: input.sequence,
    booking: { id: booking.id, status: booking.status, ...times(booking) },
    coaches: booking.coaches.map((c) => coach(c.id, c.holds)),
    people,
  };
  if (personal && booking.intake) {
    const { partnership, focus, sponsor } = booking.intake;
    data.intake = { partnership, focus, sponsor, ...(booking.partnerView ? { partnerView: booking.partnerView } : {}) };
  }
  switch (event.type) {
    case 'booking.created':
      break;
    case 'booking.confirmed':
      data.by = event.by;
      break;
    case 'booking.rescheduled':
      Object.assign(data, { from: times(event.from), to: times(booking), by: event.by });
      break;
    case 'booking.reassigned':
      // The coach joining holds the person the leaving one held.
      data.joining = coach(event.joining);
      Object.assign(data, { leaving: coach(event.leaving, data.joining.holds), by: event.by });
      break;
    case 'booking.cancelled':
      data.by = event.by;
      if (personal && event.reason) data.reason = event.reason;
      break;
    case 'booking.released':
      data.released = { reason: event.reason };
      break;
    case 'booking.no_show':
      Object.assign(data, { absent: event.absent, by: event.by });
      break;
  }
  return { type: event.type, timestamp: iso(input.at), data };
}
