// Person two's own confirmation: the four agreements ticked by themselves and their two optional private answers.
import * as v from 'valibot';
import { AgreementsSchema } from './intake.ts';
import { FreeText } from './textHygiene.ts';

/** The two private questions, in the practice's words; the answers reach the two coaches only. */
export const PARTNER_QUESTIONS = {
  now: 'How is this partnership for you right now?',
  hopes: 'What would you like to be different?',
} as const;

export const PartnerViewSchema = v.object({
  now: v.optional(FreeText(4000, 'write your answer as text'), ''),
  hopes: v.optional(FreeText(4000, 'write your answer as text'), ''),
});

/** POST /api/bookings/:id/confirm. */
export const ConfirmRequestSchema = v.object({
  token: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
  agreements: AgreementsSchema,
  view: v.optional(PartnerViewSchema, {}),
});

export type PartnerView = v.InferOutput<typeof PartnerViewSchema>;
export type ConfirmRequest = v.InferOutput<typeof ConfirmRequestSchema>;
