// Who holds whom, in words: the call's two coaches as the mail addresses them, and the sentence each reader gets
// ("You hold Ada Lovelace's experience; Ben Ito holds Grace Hopper's.").
import type { Config } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';

/** Someone a message goes to, or whose local time it shows. */
export interface Recipient { name: string; email: string; timeZone: string }
export interface CoachRecipient extends Recipient { holds: 0 | 1 }

/** The call's coaches as configured (a coach no longer in the configuration cannot be written to and is left out). */
export function coachRecipients(config: Config, coaches: readonly CallCoach[]): CoachRecipient[] {
  return coaches.flatMap((cc) => {
    const c = config.coaches.find((x) => x.id === cc.id);
    return c ? [{ name: c.name, email: c.email, timeZone: c.timeZone, holds: cc.holds }] : [];
  });
}

/**
 * Who holds whom, said to `reader` (a coach, a person, or no one for the calendar event): "You hold Ada
 * Lovelace's experience; Ben Ito holds Grace Hopper's." Undefined when the call's coaches are not both known.
 */
export function holdingSentence(coaches: readonly CoachRecipient[], people: readonly Recipient[], reader?: Recipient): string | undefined {
  if (coaches.length !== 2 || people.length !== 2) return undefined;
  // The part that concerns the reader comes first: their own person for a coach, their own coach for a person.
  const concerns = (c: CoachRecipient) => !!reader && (c.email === reader.email || people[c.holds].email === reader.email);
  const [first, second] = concerns(coaches[1]) && !concerns(coaches[0]) ? [coaches[1], coaches[0]] : [coaches[0], coaches[1]];
  const who = (c: CoachRecipient) => (reader && c.email === reader.email ? 'You hold' : `${c.name} holds`);
  const whose = (c: CoachRecipient, alone: boolean) => {
    const held = people[c.holds];
    if (reader && held.email === reader.email) return alone ? 'yours' : 'your';
    return `${held.name}'s`;
  };
  return `${who(first)} ${whose(first, false)} experience; ${who(second)} ${whose(second, true)}.`;
}

/** The same sentence for the calendar event's description, from the booking's coaches and intake. */
export function eventHolding(config: Config, coaches: readonly CallCoach[], intake: Intake | null): string | undefined {
  return intake ? holdingSentence(coachRecipients(config, coaches), intake.people) : undefined;
}
