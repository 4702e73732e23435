// Who a booking's messages go to and who its calendar event invites: the call's two coaches, then the two people.
import type { Config } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';
import type { InviteParty } from './calendarInvite.ts';

export interface Recipient {
  name: string;
  email: string;
  timeZone: string;
}

/** One of the call's two coaches, with the index in `intake.people` of the person they hold. */
export interface CoachRecipient extends Recipient {
  holds: 0 | 1;
}

/** The call's coaches as configured (a coach no longer in the configuration cannot be written to and is left out). */
export function coachRecipients(config: Config, coaches: readonly CallCoach[]): CoachRecipient[] {
  return coaches.flatMap((cc) => {
    const c = config.coaches.find((x) => x.id === cc.id);
    return c ? [{ name: c.name, email: c.email, timeZone: c.timeZone, holds: cc.holds }] : [];
  });
}

export function recipients(
  config: Config,
  intake: Intake,
  coaches: readonly CallCoach[],
): { coaches: CoachRecipient[]; people: Recipient[] } {
  return {
    coaches: coachRecipients(config, coaches),
    people: intake.people.map((p): Recipient => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
  };
}

/** Everyone invited: the call's two coaches, then the two people. */
export function attendeesOf(
  config: Config,
  coaches: readonly CallCoach[],
  people: readonly { name: string; email: string }[],
): InviteParty[] {
  return [...coachRecipients(config, coaches), ...people].map(({ name, email }) => ({ name, email }));
}
