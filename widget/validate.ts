// Each step's answers checked with the same valibot schemas the server runs, as `{dot.path: message}` errors:
// a step runs the checks of its sections (steps/stepTable.ts) and keeps the errors of the fields it holds.
import * as v from 'valibot';
import { AgreementsSchema, BookingRequestSchema, FocusSchema, IntakeSchema, PartnershipSchema, SponsorSchema } from '../core/intake.ts';
import { toFieldIssues } from '../core/issues.ts';
import { toRequest, type Answers } from './answers.ts';
import { STEPS, stepOf, toErrors, type Errors, type Section } from './steps/stepTable.ts';

function check(schema: v.GenericSchema, value: unknown, prefix: string): Errors {
  const result = v.safeParse(schema, value);
  return result.success ? {} : toErrors(toFieldIssues(result.issues, prefix));
}

const intake = (a: Answers) => toRequest(a, '').intake;

const SECTIONS: Record<Section, (a: Answers) => Errors> = {
  people: (a) => check(IntakeSchema.entries.people, intake(a).people, 'people'),
  // Person two's zone is asked, never assumed: "the same as mine" or a zone of their own.
  zoneTwo: (a): Errors => (a.zoneTwo ? {} : { zoneTwo: 'say whether person two is in the same time zone' }),
  slot: (a): Errors => (a.slot ? {} : { slot: 'choose a time for the call' }),
  partnership: (a) => check(PartnershipSchema, a.partnership, 'partnership'),
  focus: (a) => check(FocusSchema, a.focus, 'focus'),
  sponsor: (a) => check(SponsorSchema, intake(a).sponsor, 'sponsor'),
  agreements: (a) => check(AgreementsSchema, a.agreements, 'agreements'),
};

/** Errors of one step (by its place in the table); the review checks the whole request with `checkRequest`. */
export function validateStep(index: number, a: Answers): Errors {
  const found: Errors = {};
  for (const section of STEPS[index].sections) Object.assign(found, SECTIONS[section](a));
  // Person two's zone not yet said is one question, not two.
  if (found.zoneTwo) delete found['people.1.timeZone'];
  return Object.fromEntries(Object.entries(found).filter(([field]) => stepOf(field) === index));
}

/** The whole request parsed as the server will: the normalised body to send, or the errors. */
export function checkRequest(
  a: Answers,
  openedAt: string,
): { ok: true; body: v.InferOutput<typeof BookingRequestSchema> } | { ok: false; errors: Errors } {
  const result = v.safeParse(BookingRequestSchema, toRequest(a, openedAt));
  if (!result.success) return { ok: false, errors: toErrors(toFieldIssues(result.issues)) };
  if (!a.zoneTwo) return { ok: false, errors: SECTIONS.zoneTwo(a) };
  return { ok: true, body: result.output };
}
