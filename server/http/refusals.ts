// Every refusal the API gives, in one table: its status, error code and the words a person reads. The routes, the
// middleware and the error handler all answer from here; the domain's refusal codes map onto it below.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { FieldIssue } from '../../core/issues.ts';
import type { CancelCode, RescheduleCode } from '../booking/changeBooking.ts';
import type { ConfirmCode } from '../booking/confirmPartner.ts';
import type { CreateOutcome } from '../booking/createBooking.ts';
import { errorResponse } from './errorResponse.ts';

export interface Refusal {
  status: ContentfulStatusCode;
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

const refusal = (status: ContentfulStatusCode, code: ErrorCode, message: string, issues?: FieldIssue[]): Refusal => ({
  status,
  code,
  message,
  ...(issues ? { issues } : {}),
});

export const REFUSALS = {
  // A booking and its changes.
  bookingNotFound: refusal(404, 'not_found', 'no such booking'),
  slotTaken: refusal(409, 'slot_unavailable', 'this time is no longer free: please choose another'),
  tooLateToBook: (minNoticeHours: number) => refusal(409, 'too_late', `calls must be booked at least ${minNoticeHours} hours ahead`),
  tooLateToChange: (cancelNoticeHours: number, practiceEmail: string) =>
    refusal(
      409,
      'too_late',
      `calls can be changed online until ${cancelNoticeHours} hours before they start: please write to ${practiceEmail}`,
    ),
  alreadyCancelled: refusal(409, 'already_cancelled', 'this call has already been cancelled'),
  notPartner: refusal(403, 'not_partner', 'only the second person confirms their part, through their own link'),
  alreadyConfirmed: refusal(409, 'already_confirmed', 'this part has already been confirmed'),
  released: refusal(409, 'released', 'the time was released because it was not confirmed in time: you are welcome to book another time'),
  sameTime: refusal(422, 'invalid', 'the call is already at this time', [
    { path: 'start', message: 'the call is already at this time: choose another' },
  ]),
  idempotencyMismatch: refusal(422, 'idempotency_mismatch', 'this Idempotency-Key was already used for another request'),

  // Input that does not pass its schema (the caller adds the issues, each with its field's path).
  invalidAnswers: refusal(422, 'invalid', 'some answers need another look'),
  invalidRequest: refusal(422, 'invalid', 'the request is not valid'),
  invalidTimeRange: refusal(422, 'invalid', 'the time range is not valid'),
  invalidIdempotencyKey: refusal(422, 'invalid', 'the Idempotency-Key header is not valid'),
  invalidOrigin: refusal(422, 'invalid', 'the origin is not a web address'),

  // The request itself.
  originNotAllowed: refusal(403, 'origin_not_allowed', 'this site may not book calls here'),
  pageNotFound: refusal(404, 'not_found', 'not found'),
  notJsonType: refusal(415, 'unsupported_media_type', 'send the body as application/json'),
  compressedBody: refusal(415, 'unsupported_media_type', 'send the body as uncompressed application/json'),
  unreadableBody: refusal(400, 'invalid_json', 'the body could not be read'),
  notJson: refusal(400, 'invalid_json', 'the body is not valid JSON'),
  tooLarge: (maxBytes: number) => refusal(413, 'too_large', `the body is larger than ${maxBytes} bytes`),
  rateLimited: (retryAfterSeconds: number, what = 'booking attempts') =>
    refusal(429, 'rate_limited', `too many ${what}: try again in ${retryAfterSeconds} seconds`),
  /**
   * "Person one's email address already has calls booked on Tuesday 3 November 2026 and Thursday 5 November 2026…":
   * the days in that person's own zone, and where the link to change them is. The address itself is not repeated.
   */
  alreadyBooked: (person: 0 | 1, starts: readonly number[], timeZone: string) => {
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });
    const days = new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(starts.map((s) => day.format(s)));
    return refusal(
      409,
      'already_booked',
      `${person === 0 ? 'Person one' : 'Person two'}'s email address already has calls booked on ${days}. ` +
        'To move or cancel one of them, use the link in the email we sent for it.',
      [{ path: `intake.people.${person}.email`, message: `this address already has ${starts.length} calls booked` }],
    );
  },

  // Our side.
  storeUnavailable: refusal(503, 'unavailable', 'bookings cannot be taken or changed just now: please try again in a minute'),
  internal: refusal(500, 'internal', 'something went wrong on our side'),
};

/** A client error thrown by hono itself or a middleware, by status (the API's shape, hono's status). */
const BY_STATUS: Record<number, Refusal> = {
  400: refusal(400, 'invalid_json', 'the request could not be read'),
  403: REFUSALS.originNotAllowed,
  404: REFUSALS.pageNotFound,
  413: refusal(413, 'too_large', 'the body is too large'),
  415: REFUSALS.notJsonType,
  429: refusal(429, 'rate_limited', 'too many requests: try again later'),
};

export function refusalForStatus(status: ContentfulStatusCode): Refusal {
  return BY_STATUS[status] ?? refusal(status, 'invalid', 'the request could not be handled');
}

/** Why a booking was not made, as the API says it. */
export function bookingRefusal(config: Config, code: Exclude<Exclude<CreateOutcome, { ok: true }>['code'], 'already_booked'>): Refusal {
  switch (code) {
    case 'too_late':
      return REFUSALS.tooLateToBook(config.call.minNoticeHours);
    case 'slot_unavailable':
      return REFUSALS.slotTaken;
    // The key's first request won a race and its answer could not be read: the time is taken either way.
    case 'idempotency_key_used':
      return REFUSALS.slotTaken;
  }
}

/** Why a reschedule or cancel was refused, as the API says it. */
export function changeRefusal(config: Config, code: RescheduleCode | CancelCode | 'not_found'): Refusal {
  switch (code) {
    case 'not_found':
      return REFUSALS.bookingNotFound;
    case 'already_cancelled':
      return REFUSALS.alreadyCancelled;
    case 'too_late':
      return REFUSALS.tooLateToChange(config.call.cancelNoticeHours, config.practice.email);
    case 'slot_unavailable':
      return REFUSALS.slotTaken;
    case 'same_time':
      return REFUSALS.sameTime;
  }
}

/** Answers `refusal` in the API's error shape; `issues` (the failing fields) replace the refusal's own. */
export function refuse(c: Context, r: Refusal, issues?: FieldIssue[]) {
  return errorResponse(c, r.status, r.code, r.message, issues ?? r.issues);
}

/** Why person two's confirmation was refused, as the API says it. */
export function confirmRefusal(code: ConfirmCode): Refusal {
  switch (code) {
    case 'not_found':
      return REFUSALS.bookingNotFound;
    case 'not_partner':
      return REFUSALS.notPartner;
    case 'already_confirmed':
      return REFUSALS.alreadyConfirmed;
    case 'already_cancelled':
      return REFUSALS.alreadyCancelled;
    case 'released':
      return REFUSALS.released;
  }
}
