// The booking request: one valibot schema, run by the widget before sending and by the server on receipt.
// Every way a field can be refused has its own message, written for the person who reads it beside the field.
import * as v from 'valibot';
import { IsoInstant } from './instant.ts';
import { FreeText, NameLine, SafeLine } from './textHygiene.ts';
import { isTimeZone } from './timeZone.ts';

export const RELATIONSHIPS = ['co-founders', 'co-leads', 'manager-report', 'peers', 'other'] as const;
export const FOCUS_AREAS = ['trust', 'communication', 'tension', 'roles', 'culture', 'other'] as const;
export const SPONSOR_RELATIONS = ['supervisor', 'board', 'other'] as const;
export const AGREEMENTS = ['notice', 'presence', 'confidentiality', 'commitment'] as const;

const atMost = (max: number) => `use at most ${max} characters`;

const Required = (max: number, missing: string) => v.pipe(NameLine(max, missing), v.nonEmpty(missing));

/** A picklist answered as text: a form holds the empty string until someone chooses. */
const Choice = <const T extends readonly [string, ...string[]]>(options: T, message: string) =>
  v.pipe(v.string(message), v.picklist(options, message));

const EMAIL = 'enter a valid email address';

const Email = v.pipe(
  v.string('enter an email address'),
  v.trim(),
  v.nonEmpty('enter an email address'),
  v.maxLength(254, atMost(254)),
  v.email(EMAIL),
  v.toLowerCase(),
);

/** An email that may be left empty (the sponsor's): one schema, so "dad@" gets the email message, not a union's. */
const OptionalEmail = v.pipe(
  v.string(EMAIL),
  v.trim(),
  v.maxLength(254, atMost(254)),
  v.check((s) => s === '' || v.EMAIL_REGEX.test(s), EMAIL),
  v.toLowerCase(),
);

const TimeZone = v.pipe(
  v.string('choose a time zone'),
  v.nonEmpty('choose a time zone'),
  v.check(isTimeZone, 'choose a time zone from the list'),
);

export const PersonSchema = v.object(
  {
    name: Required(100, 'enter a name'),
    email: Email,
    role: v.optional(SafeLine(100, 'enter a role, or leave it empty'), ''),
    timeZone: TimeZone,
  },
  'enter a name, an email address and a time zone',
);

export const PartnershipSchema = v.pipe(
  v.object(
    {
      relationship: Choice(RELATIONSHIPS, 'choose how you work together'),
      relationshipOther: v.optional(SafeLine(100, 'say how you work together'), ''),
      organization: v.optional(SafeLine(150, 'enter the organization, or leave it empty'), ''),
      context: v.pipe(FreeText(4000, 'tell us briefly what is happening now'), v.nonEmpty('tell us briefly what is happening now')),
    },
    'say how you work together and what is happening now',
  ),
  v.forward(
    v.check((p) => p.relationship !== 'other' || p.relationshipOther !== '', 'say how you work together'),
    ['relationshipOther'],
  ),
);

export const FocusSchema = v.pipe(
  v.object(
    {
      // A repeated area would be listed twice in the coaches' summary.
      areas: v.pipe(
        v.array(Choice(FOCUS_AREAS, 'choose focus areas from the list'), 'choose at least one focus area'),
        v.minLength(1, 'choose at least one focus area'),
        v.check((a) => new Set(a).size === a.length, 'choose each focus area once'),
      ),
      other: v.optional(SafeLine(200, 'name the other focus area'), ''),
      hopes: v.pipe(FreeText(4000, 'say what you hope will be different'), v.nonEmpty('say what you hope will be different')),
    },
    'choose a focus area and say what you hope will be different',
  ),
  v.forward(
    v.check((f) => !f.areas.includes('other') || f.other !== '', 'name the other focus area'),
    ['other'],
  ),
);

export const SponsorSchema = v.nullable(
  v.object(
    {
      name: Required(100, "enter the sponsor's name or role"),
      email: v.optional(OptionalEmail, ''),
      relation: Choice(SPONSOR_RELATIONS, 'choose who the sponsor is'),
    },
    "enter the sponsor's name and who they are, or say there is no sponsor",
  ),
);

// A form holds a checkbox as true or false; only true books.
const Ticked = v.pipe(
  v.boolean('this must be ticked to book'),
  v.check((t) => t, 'this must be ticked to book'),
);

export const AgreementsSchema = v.object(
  {
    notice: Ticked,
    presence: Ticked,
    confidentiality: Ticked,
    commitment: Ticked,
  },
  'tick each agreement to book',
);

export const IntakeSchema = v.object(
  {
    partnership: PartnershipSchema,
    people: v.pipe(
      // A third person is refused, not silently dropped: the call is for two.
      v.strictTuple([PersonSchema, PersonSchema], 'a discovery call is for two people'),
      v.forward(
        v.check(([a, b]) => a.email !== b.email, 'the two of you need different email addresses'),
        [1, 'email'] as const,
      ),
    ),
    focus: FocusSchema,
    sponsor: v.optional(SponsorSchema, null),
    agreements: AgreementsSchema,
  },
  'fill in the form',
);

export const BookingRequestSchema = v.object(
  {
    slot: v.object({ start: v.pipe(v.string('choose a time for the call'), IsoInstant) }, 'choose a time for the call'),
    intake: IntakeSchema,
    meta: v.optional(
      v.object(
        {
          honeypot: v.optional(v.pipe(v.string('leave this empty'), v.maxLength(1000, 'use at most 1000 characters')), ''),
          openedAt: v.optional(v.pipe(v.string('reload the page and try again'), IsoInstant)),
          /** The form stamp from GET /api/config: the server's signed proof of when the form was opened. */
          stamp: v.optional(v.pipe(v.string('reload the page and try again'), v.maxLength(200, 'reload the page and try again'))),
        },
        'reload the page and try again',
      ),
      {},
    ),
  },
  'fill in the form',
);

export type Person = v.InferOutput<typeof PersonSchema>;
export type Intake = v.InferOutput<typeof IntakeSchema>;
export type IntakeInput = v.InferInput<typeof IntakeSchema>;
export type BookingRequest = v.InferOutput<typeof BookingRequestSchema>;
export type BookingRequestInput = v.InferInput<typeof BookingRequestSchema>;
