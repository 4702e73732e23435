// The booking request: one valibot schema, run by the widget before sending and by the server on receipt.
import * as v from 'valibot';
import { IsoInstant } from './instant.ts';
import { FreeText, NameLine, SafeLine } from './textHygiene.ts';
import { isTimeZone } from './timeZone.ts';

export const RELATIONSHIPS = ['co-founders', 'co-leads', 'manager-report', 'peers', 'other'] as const;
export const FOCUS_AREAS = ['trust', 'communication', 'tension', 'roles', 'culture', 'other'] as const;
export const SPONSOR_RELATIONS = ['supervisor', 'board', 'other'] as const;
export const AGREEMENTS = ['notice', 'presence', 'confidentiality', 'commitment'] as const;

const Required = (max: number, message: string) => v.pipe(NameLine(max), v.nonEmpty(message));

const Email = v.pipe(v.string(), v.trim(), v.nonEmpty('enter an email address'),
  v.maxLength(254, 'at most 254 characters'), v.email('enter a valid email address'), v.toLowerCase());

const TimeZone = v.pipe(v.string(), v.check(isTimeZone, 'choose a time zone from the list'));

export const PersonSchema = v.object({
  name: Required(100, 'enter a name'),
  email: Email,
  role: v.optional(SafeLine(100), ''),
  timeZone: TimeZone,
});

export const PartnershipSchema = v.pipe(
  v.object({
    relationship: v.picklist(RELATIONSHIPS, 'choose how you work together'),
    relationshipOther: v.optional(SafeLine(100), ''),
    organization: v.optional(SafeLine(150), ''),
    context: v.pipe(FreeText(4000), v.nonEmpty('tell us briefly what is happening now')),
  }),
  v.forward(
    v.check((p) => p.relationship !== 'other' || p.relationshipOther !== '', 'say how you work together'),
    ['relationshipOther'],
  ),
);

export const FocusSchema = v.pipe(
  v.object({
    // A repeated area would be listed twice in the coaches' summary.
    areas: v.pipe(v.array(v.picklist(FOCUS_AREAS, 'unknown focus area')), v.minLength(1, 'choose at least one focus area'),
      v.check((a) => new Set(a).size === a.length, 'choose each focus area once')),
    other: v.optional(SafeLine(200), ''),
    hopes: v.pipe(FreeText(4000), v.nonEmpty('say what you hope will be different')),
  }),
  v.forward(
    v.check((f) => !f.areas.includes('other') || f.other !== '', 'name the other focus area'),
    ['other'],
  ),
);

export const SponsorSchema = v.nullable(v.object({
  name: Required(100, 'enter the sponsor\'s name or role'),
  email: v.optional(v.union([v.literal(''), Email]), ''),
  relation: v.picklist(SPONSOR_RELATIONS, 'choose who the sponsor is'),
}));

const Ticked = v.literal(true, 'this must be ticked to book');

export const AgreementsSchema = v.object({
  notice: Ticked, presence: Ticked, confidentiality: Ticked, commitment: Ticked,
});

export const IntakeSchema = v.object({
  partnership: PartnershipSchema,
  people: v.pipe(
    // A third person is refused, not silently dropped: the call is for two.
    v.strictTuple([PersonSchema, PersonSchema], 'a discovery call is for two people'),
    v.forward(v.check(([a, b]) => a.email !== b.email, 'the two of you need different email addresses'), [1, 'email'] as const),
  ),
  focus: FocusSchema,
  sponsor: v.optional(SponsorSchema, null),
  agreements: AgreementsSchema,
});

export const BookingRequestSchema = v.object({
  slot: v.object({ start: IsoInstant }),
  intake: IntakeSchema,
  meta: v.optional(v.object({
    honeypot: v.optional(v.pipe(v.string(), v.maxLength(1000)), ''),
    openedAt: v.optional(IsoInstant),
    /** The form stamp from GET /api/config: the server's signed proof of when the form was opened. */
    stamp: v.optional(v.pipe(v.string(), v.maxLength(200))),
  }), {}),
});

export type Person = v.InferOutput<typeof PersonSchema>;
export type Intake = v.InferOutput<typeof IntakeSchema>;
export type IntakeInput = v.InferInput<typeof IntakeSchema>;
export type BookingRequest = v.InferOutput<typeof BookingRequestSchema>;
export type BookingRequestInput = v.InferInput<typeof BookingRequestSchema>;
