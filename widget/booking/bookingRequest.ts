// The booking request the form's answers make (later code only: the checks and the booking send it).
import type { BookingRequestInput } from '../../core/intake.ts';
import type { Answers } from '../answers.ts';

/** The POST body's answers, as DESIGN.md shows them: person two's zone resolved, the sponsor only if there is one. */
export function toRequest(a: Answers, openedAt: string): BookingRequestInput {
  const [one, two] = a.people;
  return {
    slot: { start: a.slot },
    intake: {
      partnership: a.partnership,
      people: [one, a.zoneTwo === 'same' ? { ...two, timeZone: one.timeZone } : two],
      focus: a.focus,
      sponsor: a.hasSponsor === 'yes' ? a.sponsor : null,
      agreements: a.agreements,
    },
    meta: { honeypot: a.honeypot, openedAt },
  };
}
