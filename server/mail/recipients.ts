// Who a booking's messages go to and who its calendar event invites: the two coaches, then the two people.
import type { Config } from '../../core/config.ts';
import type { Intake } from '../../core/intake.ts';
import type { InviteParty } from './calendarInvite.ts';

export interface Recipient { name: string; email: string; timeZone: string }

export function recipients(config: Config, intake: Intake): { coaches: Recipient[]; people: Recipient[] } {
  return {
    coaches: config.coaches.map((c): Recipient => ({ name: c.name, email: c.email, timeZone: c.timeZone })),
    people: intake.people.map((p): Recipient => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
  };
}

/** Everyone invited: the two coaches, then the two people. */
export function attendeesOf(config: Config, people: readonly { name: string; email: string }[]): InviteParty[] {
  return [...config.coaches, ...people].map(({ name, email }) => ({ name, email }));
}
