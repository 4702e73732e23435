// The iCalendar invitation for a booking, built with ical-generator from UTC instants.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface InviteParty {
  name: string;
  email: string;
}

export interface InviteInput {
  uid: string;
  /** REQUEST and CANCEL are mailed; PUBLISH is the file a person adds to a calendar (no attendees, RFC 5546 3.2.1). */
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** A PUBLISH copy of a cancelled call (CANCEL always is). */
  cancelled?: boolean;
  sequence: number;
  start: number;
  end: number;
  /** DTSTAMP: the moment this version was issued. */
  stamp: number;
  summary: string;
  description: string;
  location?: string;
  organizer: InviteParty;
  attendees: InviteParty[];
}

// The schemas refuse quotes and control characters in people's and coaches' names; the practice name is
// admin text. ical-generator writes CN values in quotes without escaping, so drop what would break out.
const cn = (name: string) => name.replace(/["\p{Cc}]/gu, ' ').trim();

/** One VCALENDAR with one VEVENT. No `timezone` is set: ical-generator writes UTC instants correctly. */
export function buildInvite(i: InviteInput): string {
  const cal = ical({
    prodId: { company: 'Duet', product: 'discovery-call', language: 'EN' },
    method:
      i.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : i.method === 'PUBLISH' ? ICalCalendarMethod.PUBLISH : ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: i.uid,
    sequence: i.sequence,
    start: new Date(i.start),
    end: new Date(i.end),
    stamp: new Date(i.stamp),
    summary: i.summary,
    description: i.description,
    location: i.location ?? null,
    url: i.location ?? null,
    status: i.method === 'CANCEL' || i.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: cn(i.organizer.name), email: i.organizer.email },
    attendees:
      i.method === 'PUBLISH'
        ? []
        : i.attendees.map((a) => ({
            name: cn(a.name),
            email: a.email,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
            rsvp: true,
          })),
  });
  // RFC 5545 ends every content line, the last included, with CRLF; ical-generator leaves the last one bare.
  return `${cal.toString()}\r\n`;
}
