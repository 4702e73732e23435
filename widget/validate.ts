// Each step's answers checked with the same valibot schemas the server runs, as `{dot.path: message}` errors.
import * as v from 'valibot';
import {
  AgreementsSchema, BookingRequestSchema, FocusSchema, IntakeSchema, PartnershipSchema, SponsorSchema,
  type BookingRequestInput,
} from '../core/intake.ts';
import { toFieldIssues } from '../core/issues.ts';
import { toErrors, type Errors } from './fieldPaths.ts';
import type { Answers } from './answers.ts';

export { fieldOf, REVIEW_STEP, stepOf, toErrors, type Errors } from './fieldPaths.ts';

function check(schema: v.GenericSchema, value: unknown, prefix: string): Errors {
  const result = v.safeParse(schema, value);
  return result.success ? {} : toErrors(toFieldIssues(result.issues, prefix));
}

const sponsorOf = (a: Answers) => (a.hasSponsor === 'yes' ? a.sponsor : null);

/** Errors of one step (0–5); the review step checks the whole request with `checkRequest`. */
export function validateStep(step: number, a: Answers): Errors {
  switch (step) {
    case 0: return check(PartnershipSchema, a.partnership, 'partnership');
    case 1: return check(IntakeSchema.entries.people, a.people, 'people');
    case 2: return check(FocusSchema, a.focus, 'focus');
    case 3: return check(SponsorSchema, sponsorOf(a), 'sponsor');
    case 4: return a.slot ? {} : { slot: 'choose a time for the call' };
    case 5: return check(AgreementsSchema, a.agreements, 'agreements');
    default: return {};
  }
}

/** The POST body, as DESIGN.md shows it. */
export function toRequest(a: Answers, openedAt: string): BookingRequestInput {
  return {
    slot: { start: a.slot },
    intake: {
      partnership: a.partnership,
      people: a.people,
      focus: a.focus,
      sponsor: sponsorOf(a),
      agreements: a.agreements as BookingRequestInput['intake']['agreements'],
    },
    meta: { honeypot: a.honeypot, openedAt },
  } as BookingRequestInput;
}

/** The whole request parsed as the server will: the normalised body to send, or the errors. */
export function checkRequest(a: Answers, openedAt: string):
  { ok: true; body: v.InferOutput<typeof BookingRequestSchema> } | { ok: false; errors: Errors } {
  const result = v.safeParse(BookingRequestSchema, toRequest(a, openedAt));
  return result.success ? { ok: true, body: result.output } : { ok: false, errors: toErrors(toFieldIssues(result.issues)) };
}
