// The HTTP contract between widget/ and server/: response shapes and error codes, shared as types only.
import type { FieldIssue } from './issues.ts';
import type { AGREEMENTS, FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from './intake.ts';

export type ErrorCode =
  | 'invalid_json'
  | 'too_large'
  | 'unsupported_media_type'
  | 'invalid'
  | 'not_found'
  | 'slot_unavailable'
  | 'too_late'
  | 'rate_limited'
  | 'origin_not_allowed'
  | 'idempotency_mismatch'
  | 'already_cancelled'
  | 'already_booked'
  | 'internal'
  /** Person two's confirmation: already given, asked through person one's link, or too late (the hold was released). */
  | 'already_confirmed'
  | 'not_partner'
  | 'released'
  /** The store cannot answer just now (a lock held too long, a full or broken disk): try again shortly. */
  | 'unavailable';

export interface ApiError {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

export interface Slot {
  start: string;
  end: string;
}
export interface AvailabilityResponse {
  slots: Slot[];
}

export interface Option<K extends string> {
  value: K;
  label: string;
}

export interface PublicConfig {
  /** website: the practice's own site ("book another time"); explainerUrl: its 2:2 explainer, where it has one. */
  practice: { name: string; email: string; timeZone: string; website?: string; explainerUrl?: string };
  call: { title: string; minutes: number; bufferMinutes: number; cancelNoticeHours: number };
  relationships: Option<(typeof RELATIONSHIPS)[number]>[];
  focusAreas: Option<(typeof FOCUS_AREAS)[number]>[];
  sponsorRelations: Option<(typeof SPONSOR_RELATIONS)[number]>[];
  agreements: Option<(typeof AGREEMENTS)[number]>[];
  sponsorNote: string;
  /**
   * Whether the page that asked (by its Origin header) may book here, and that origin as the server read it (null
   * when the request had none: the server's own pages, or no browser). Absent from older servers.
   */
  origin?: OriginCheck | { origin: null; allowed: true };
  /** The form stamp: sent back as a booking's `meta.stamp`, it proves when the form was opened (valid for 24 hours). */
  stamp: string;
}

/**
 * GET /api/origin-check?origin=: whether a site may book from a browser (the /embed page asks it for the address
 * a site editor types). `line` is the config's allowedOrigins line with the origin added, when it is missing.
 */
export type OriginCheck = { origin: string; allowed: true; because: 'listed' | 'own' } | { origin: string; allowed: false; line: string };

export type BookingStatus = 'confirmed' | 'cancelled';

/** One of the call's two coaches: `holds` is the index in `intake.people` of the person they hold (never an email). */
export interface BookingCoach {
  id: string;
  name: string;
  holds: 0 | 1;
}

export interface BookingView {
  id: string;
  start: string;
  end: string;
  status: BookingStatus;
  coaches: BookingCoach[];
  /**
   * With call.partnerConfirmation "require", until person two confirms: the time is only held for both coaches, and
   * released at `until` (ISO) if they have not confirmed by then.
   */
  hold?: { until: string };
  /** The hold was released because person two did not confirm in time (the status is then "cancelled"). */
  released?: true;
}

export interface BookingCreated {
  booking: BookingView;
  manageUrl: string;
  icsUrl: string;
}

/**
 * GET /api/bookings/:id?token= and the 200 of a reschedule or cancel: what the manage page shows.
 * Names and zones of the two people only; never emails or intake answers.
 */
export interface ManagedBooking {
  booking: BookingView;
  /** `confirmed`: person one at booking; person two once they confirmed their part through their own link. */
  people: { name: string; timeZone: string; confirmed: boolean }[];
  practice: { name: string; email: string; website?: string };
  call: { title: string; minutes: number; cancelNoticeHours: number };
  /** Whether the call may still be moved or cancelled online now. */
  canChange: boolean;
  /** The last instant (ISO) at which it may: the start less the cancellation notice. */
  changeUntil: string;
  /** Whose link opened this view: the index in `people` (0 = person one). Times read in their zone first. */
  you: number;
}
