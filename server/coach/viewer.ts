// Who may sign in to /coach and as what: any configured coach (their calls) and the practice's administrators
// (practice.email and practice.admins: every call). The store knows a person only by the hash of their address.
import { createHash } from 'node:crypto';
import type { Config } from '../../core/config.ts';

export interface Viewer {
  /** The SHA-256 of the lower-cased address: what links and sessions are stored under. */
  subject: string;
  email: string;
  name: string;
  /** Set when the viewer is one of the coaches. */
  coachId?: string;
  admin: boolean;
}

const normal = (email: string) => email.trim().toLowerCase();

export const subjectOf = (email: string): string => createHash('sha256').update(normal(email)).digest('hex');

/** The administrators' addresses, lower case, each once: practice.email first. */
export function adminAddresses(config: Config): string[] {
  return [...new Set([config.practice.email, ...(config.practice.admins ?? [])].map(normal))];
}

/** Everyone who may sign in now, by subject. A coach who is also an administrator is one viewer with both. */
export function viewers(config: Config): Map<string, Viewer> {
  const out = new Map<string, Viewer>();
  for (const c of config.coaches) {
    const email = normal(c.email);
    out.set(subjectOf(email), { subject: subjectOf(email), email, name: c.name, coachId: c.id, admin: false });
  }
  for (const email of adminAddresses(config)) {
    const known = out.get(subjectOf(email));
    if (known) known.admin = true;
    else out.set(subjectOf(email), { subject: subjectOf(email), email, name: email, admin: true });
  }
  return out;
}
