// A person's email may not be the practice's or a coach's: the organizer would invite itself, and a coach
// would get two different messages with one Message-ID (Gmail silently drops one of them).
import type { Config } from '../../core/config.ts';
import type { FieldIssue } from '../../core/issues.ts';

/** One 422 issue per person whose address is the practice's or a coach's, at `intake.people.N.email`. */
export function reservedAddressIssues(config: Config, people: readonly { email: string }[]): FieldIssue[] {
  const practice = config.practice.email.trim().toLowerCase();
  const coaches = new Set(config.coaches.map((c) => c.email.trim().toLowerCase()));
  return people.flatMap((person, i) => {
    const email = person.email.trim().toLowerCase();
    const path = `intake.people.${i}.email`;
    if (email === practice) return [{ path, message: "this is the practice's own address: please give your own" }];
    if (coaches.has(email)) return [{ path, message: "this is one of the coaches' addresses: please give your own" }];
    return [];
  });
}
