// Whether a piece of stored data is about one email address: the matching rule of erasure, for the store and the files alike.
import type { Intake } from '../../core/intake.ts';
import type { ErasureMatch } from '../store/port.ts';

/** True when `text` holds `address` as a whole address, in any letter case (not "ba@b.com" for "a@b.co"). */
export function mentions(text: string, address: string): boolean {
  const lower = text.toLowerCase();
  const local = /[a-z0-9._%+-]/;
  const domain = /[a-z0-9-]/;
  for (let at = lower.indexOf(address); at >= 0; at = lower.indexOf(address, at + 1)) {
    const before = lower[at - 1] ?? '';
    const after = lower[at + address.length] ?? '';
    const next = lower[at + address.length + 1] ?? '';
    // "a@b.co." ends a sentence; "a@b.co.uk" is another address.
    if (!local.test(before) && !domain.test(after) && !(after === '.' && domain.test(next))) return true;
  }
  return false;
}

/** True when the intake names `address` as one of the two people, the sponsor, or anywhere in its free text. */
export function intakeMentions(intake: Intake, address: string): boolean {
  const emails = [...intake.people.map((p) => p.email), intake.sponsor?.email ?? ''].map((e) => e.trim().toLowerCase());
  return emails.includes(address) || mentions(JSON.stringify(intake), address);
}

/** What erasing `address` (lower case) takes from a store: bookings whose intake names it, mail addressed to it or quoting it. */
export function erasureMatch(address: string): ErasureMatch {
  return {
    intake: (intake) => intakeMentions(intake, address),
    mail: (recipient, message) => recipient.toLowerCase() === address || mentions(message, address),
  };
}
