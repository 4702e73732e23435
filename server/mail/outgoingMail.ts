// A message as the outbox stores it (JSON) and hands it to the transport: envelope, bodies and the calendar part.

export type InviteMethod = 'REQUEST' | 'CANCEL';

/** A message as stored in the outbox (JSON) and handed to the transport. */
export interface OutgoingMail {
  /**
   * 'invite' rows are superseded by a later sequence; 'reminder' rows go stale when the booking changes; a 'notice'
   * (to the coaches, of a message the duo did not receive) always goes; 'note' rows (person two confirmed) go stale
   * only when the call is cancelled; 'nudge' rows (person two asked again, a day after booking) go stale once they
   * confirmed or the call was cancelled; a 'signin' link to the coaches' page always goes.
   */
  kind: 'invite' | 'reminder' | 'notice' | 'note' | 'nudge' | 'signin';
  /** The booking it is about; null for a sign-in link. */
  bookingId: string | null;
  /** The booking's SEQUENCE this message was built for. */
  sequence: number;
  /** A bare address: no user text in the To header. */
  to: string;
  from: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The iTIP part (`text/calendar; method=…`); reminders have none. */
  icalEvent?: { method: InviteMethod; content: string; filename: string };
}
